import { createBrowserRouter, type RouteObject } from 'react-router';
import { AuthLayout } from '../features/auth/auth-layout';
import { ForgotPasswordPage } from '../features/auth/forgot-password-page';
import { LoginPage } from '../features/auth/login-page';
import { RequireSession } from '../features/auth/require-session';
import { ResetPasswordPage } from '../features/auth/reset-password-page';
import { SignupPage } from '../features/auth/signup-page';
import { VerifyEmailPage } from '../features/auth/verify-email-page';
import { PricingPage } from '../features/billing/pricing-page';
import { SandboxCheckoutPage } from '../features/billing/sandbox/sandbox-checkout-page';
import { SandboxLayout } from '../features/billing/sandbox/sandbox-layout';
import { SandboxPortalPage } from '../features/billing/sandbox/sandbox-portal-page';
import { InvitePage } from '../features/invites/invite-page';
import { PLATFORM_PAGES } from '../features/platform/platform-pages';
import { PlatformLayout } from '../features/platform/platform-layout';
import { LandingPage } from '../features/landing/landing-page';
import { MultiTenantOnly } from '../features/landing/multi-tenant-only';
import { PublicLayout } from '../features/landing/public-layout';
import { ConfirmEmailPage } from '../features/settings/confirm-email-page';
import { AppShellLayout } from '../features/shell/app-shell-layout';
import { OrganizationIndexRedirect } from '../features/shell/organization-index-redirect';
import { RequirePermission } from '../features/shell/require-permission';
import { NotFoundPage } from '../ui/not-found-page';
import { RouteErrorPage } from '../ui/route-error-page';
import { ORGANIZATION_PAGES, type OrganizationPage } from './organization-pages';

export const router = createBrowserRouter([
  {
    path: '/',
    errorElement: <RouteErrorPage />,
    children: [
      {
        element: <PublicLayout />,
        children: [
          {
            element: <MultiTenantOnly />,
            children: [
              { index: true, element: <LandingPage /> },
              { path: 'pricing', element: <PricingPage /> },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
      {
        element: <AuthLayout />,
        children: [
          { path: 'signup', element: <SignupPage /> },
          { path: 'login', element: <LoginPage /> },
          { path: 'verify-email', element: <VerifyEmailPage /> },
          { path: 'confirm-email', element: <ConfirmEmailPage /> },
          { path: 'forgot-password', element: <ForgotPasswordPage /> },
          { path: 'reset-password', element: <ResetPasswordPage /> },
          { path: 'invites/:token', element: <InvitePage /> },
        ],
      },
      {
        // The sandbox's stand-ins for the payment provider's pages; the API links here when no Stripe key is configured.
        path: 'sandbox',
        element: <RequireSession />,
        children: [
          {
            element: <SandboxLayout />,
            children: [
              { path: 'checkout/:sessionId', element: <SandboxCheckoutPage /> },
              { path: 'portal', element: <SandboxPortalPage /> },
            ],
          },
        ],
      },
      {
        path: 'o',
        element: <RequireSession />,
        children: [
          { index: true, element: <OrganizationIndexRedirect /> },
          {
            path: ':orgSlug',
            element: <AppShellLayout navigation={ORGANIZATION_PAGES} />,
            children: [...ORGANIZATION_PAGES.flatMap(organizationRoutes), { path: '*', element: <NotFoundPage /> }],
          },
        ],
      },
      {
        // The platform console: outside every organization; the layout tells anyone but a platform admin they are not allowed.
        path: 'platform',
        element: <RequireSession />,
        children: [
          {
            element: <PlatformLayout pages={PLATFORM_PAGES} />,
            children: [
              ...PLATFORM_PAGES.map(({ path, element }): RouteObject => (path === '' ? { index: true, element } : { path, element })),
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
]);

function organizationRoutes({ path, permission, billing, element, subpages = [] }: OrganizationPage): RouteObject[] {
  const page: RouteObject = path === '' ? { index: true, element } : { path, element };
  const pages = [page, ...subpages.map((subpage) => ({ path: `${path}/${subpage.path}`, element: subpage.element }))];
  if (permission === null) return pages;
  // A pathless guard around the pages: a deep link without the permission is explained, not attempted.
  return [{ element: <RequirePermission permission={permission} billing={billing} />, children: pages }];
}
