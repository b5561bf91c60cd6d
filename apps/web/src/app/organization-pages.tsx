import type { ReactNode } from 'react';
import { ApiKeysPage } from '../features/api-keys/api-keys-page';
import { AuditLogPage } from '../features/audit/audit-log-page';
import { BillingPage } from '../features/billing/billing-page';
import { DashboardPage } from '../features/dashboard/dashboard-page';
import { MembersPage } from '../features/members/members-page';
import { PostPage } from '../features/posts/post-page';
import { AccountSettingsPage } from '../features/settings/account-settings-page';
import { OrganizationSettingsPage } from '../features/settings/organization-settings-page';
import { RolesPage } from '../features/settings/roles-page';
import type { NavigationItem } from '../features/shell/navigation';
import { SiteDetailPage } from '../features/sites/site-detail-page';
import { SitesPage } from '../features/sites/sites-page';
import { UsagePage } from '../features/usage/usage-page';
import { WebhookEndpointPage } from '../features/webhooks/webhook-endpoint-page';
import { WebhooksPage } from '../features/webhooks/webhooks-page';

/** A page reached from its parent page rather than the navbar, e.g. one site from the list of sites. */
export interface Subpage {
  /** Relative to the parent page's path. */
  path: string;
  element: ReactNode;
}

export interface OrganizationPage extends NavigationItem {
  element: ReactNode;
  /** Not in the navbar; guarded by the parent page's permission. */
  subpages?: Subpage[];
}

/**
 * The pages under /o/:orgSlug, in navbar order. One list feeds both the
 * routes and the navbar, so a link and its page require the same permission.
 */
export const ORGANIZATION_PAGES: OrganizationPage[] = [
  { path: '', label: 'Dashboard', permission: null, element: <DashboardPage /> },
  {
    path: 'sites',
    label: 'Sites',
    permission: 'sites:read',
    element: <SitesPage />,
    subpages: [
      { path: ':siteId', element: <SiteDetailPage /> },
      { path: ':siteId/posts/:postId', element: <PostPage /> },
    ],
  },
  { path: 'members', label: 'Members', permission: 'members:read', element: <MembersPage /> },
  { path: 'api-keys', label: 'API keys', permission: 'apikeys:manage', element: <ApiKeysPage /> },
  {
    path: 'webhooks',
    label: 'Webhooks',
    permission: 'webhooks:manage',
    element: <WebhooksPage />,
    subpages: [{ path: ':endpointId', element: <WebhookEndpointPage /> }],
  },
  { path: 'audit', label: 'Audit log', permission: 'audit:read', element: <AuditLogPage /> },
  { path: 'usage', label: 'Usage', permission: 'quotas:read', element: <UsagePage /> },
  { path: 'billing', label: 'Billing', permission: 'billing:read', billing: true, element: <BillingPage /> },
  {
    // Every member: the organization's settings (read-only without settings:manage), their own account, and what roles allow.
    path: 'settings',
    label: 'Settings',
    permission: null,
    element: <OrganizationSettingsPage />,
    subpages: [
      { path: 'account', element: <AccountSettingsPage /> },
      { path: 'roles', element: <RolesPage /> },
    ],
  },
];
