import { createBrowserRouter } from 'react-router';
import { AuthLayout } from '../features/auth/auth-layout';
import { ForgotPasswordPage } from '../features/auth/forgot-password-page';
import { LoginPage } from '../features/auth/login-page';
import { RequireSession } from '../features/auth/require-session';
import { ResetPasswordPage } from '../features/auth/reset-password-page';
import { SignupPage } from '../features/auth/signup-page';
import { VerifyEmailPage } from '../features/auth/verify-email-page';
import { DashboardPage } from '../features/dashboard/dashboard-page';
import { LandingPage } from '../features/landing/landing-page';
import { PublicLayout } from '../features/landing/public-layout';
import { AppShellLayout } from '../features/shell/app-shell-layout';
import { OrganizationIndexRedirect } from '../features/shell/organization-index-redirect';
import { NotFoundPage } from '../ui/not-found-page';
import { RouteErrorPage } from '../ui/route-error-page';

export const router = createBrowserRouter([
  {
    path: '/',
    errorElement: <RouteErrorPage />,
    children: [
      {
        element: <PublicLayout />,
        children: [
          { index: true, element: <LandingPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
      {
        element: <AuthLayout />,
        children: [
          { path: 'signup', element: <SignupPage /> },
          { path: 'login', element: <LoginPage /> },
          { path: 'verify-email', element: <VerifyEmailPage /> },
          { path: 'forgot-password', element: <ForgotPasswordPage /> },
          { path: 'reset-password', element: <ResetPasswordPage /> },
        ],
      },
      {
        path: 'o',
        element: <RequireSession />,
        children: [
          { index: true, element: <OrganizationIndexRedirect /> },
          {
            path: ':orgSlug',
            element: <AppShellLayout />,
            children: [
              { index: true, element: <DashboardPage /> },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
]);
