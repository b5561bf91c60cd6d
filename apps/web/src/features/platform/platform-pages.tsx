import type { ReactNode } from 'react';
import { BillingMetricsPage } from './billing-metrics-page';
import { FailedDeliveriesPage } from './failed-deliveries-page';
import { FailedStripeEventsPage } from './failed-stripe-events-page';
import { JobQueuesPage } from './job-queues-page';
import { OrganizationsPage } from './organizations-page';
import type { PlatformNavigationItem } from './platform-navbar';

export interface PlatformPage extends PlatformNavigationItem {
  element: ReactNode;
}

/** The pages under /platform, in navbar order: one list feeds the routes and the navbar. */
export const PLATFORM_PAGES: PlatformPage[] = [
  { path: '', label: 'Organizations', element: <OrganizationsPage /> },
  { path: 'billing', label: 'Billing metrics', billing: true, element: <BillingMetricsPage /> },
  { path: 'webhook-deliveries', label: 'Failed webhooks', element: <FailedDeliveriesPage /> },
  { path: 'stripe-events', label: 'Failed Stripe events', billing: true, element: <FailedStripeEventsPage /> },
  { path: 'job-queues', label: 'Job queues', element: <JobQueuesPage /> },
];
