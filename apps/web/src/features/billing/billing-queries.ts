import { unwrap, type Schemas } from '@plinth/api-client';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { callWithSession } from '../../api/call-with-session';
import { api } from '../../api/client';
import { forOrganization } from '../../api/organization-header';
import { FIRST_PAGE, nextPageCursor, unwrapPage } from '../../api/paged';
import { queryKeys } from '../../api/query-keys';
import { quotaStatusKey } from '../usage/quota-status-query';
import { billingUrl, PORTAL_PARAM } from './billing-paths';

export type Subscription = Schemas['SubscriptionDto'];
export type Invoice = Schemas['InvoiceDto'];
export type CheckoutRequest = Schemas['CheckoutRequestDto'];
export type BillingCycle = CheckoutRequest['billingCycle'];
export type ApiCallsBilling = Schemas['ApiCallsBillingDto'];
export type ApiCallsMode = ApiCallsBilling['mode'];

export const billingKeys = {
  all: (organizationId: string) => queryKeys.organization(organizationId, 'billing'),
  subscription: (organizationId: string) => [...billingKeys.all(organizationId), 'subscription'] as const,
  invoices: (organizationId: string) => [...billingKeys.all(organizationId), 'invoices'] as const,
  sandbox: (organizationId: string) => [...billingKeys.all(organizationId), 'sandbox'] as const,
};

/** How often the subscription is read while payment events are expected (they are applied in the background, within a second or so). */
const SETTLING_POLL_MS = 1_000;

interface SubscriptionOptions {
  /** Read it again every second while this holds: after a checkout or a sandbox action the change lands a moment later. */
  pollWhile?: (subscription: Subscription | undefined) => boolean;
  /**
   * Back from checkout or the portal: the figures loaded with the page may
   * predate the change, so the first reading refreshes them too.
   */
  returning?: boolean;
}

/** The organization's plan and subscription. Whenever it moves, what depends on the plan is read again. */
export function useSubscription(organizationId: string, { pollWhile, returning = false }: SubscriptionOptions = {}) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: billingKeys.subscription(organizationId),
    queryFn: async () => {
      const before = queryClient.getQueryData<Subscription>(billingKeys.subscription(organizationId));
      const after = await callWithSession(() => unwrap(api.GET('/api/v1/billing/subscription', forOrganization(organizationId))));
      if (before ? hasMoved(before, after) : returning) void refreshPlanDependents(queryClient, organizationId);
      return after;
    },
    refetchInterval: (query) => (pollWhile?.(query.state.data) ? SETTLING_POLL_MS : false),
  });
}

/** Newest first. */
export function useInvoices(organizationId: string) {
  return useInfiniteQuery({
    queryKey: billingKeys.invoices(organizationId),
    queryFn: ({ pageParam }) =>
      callWithSession(() =>
        unwrapPage(api.GET('/api/v1/billing/invoices', { params: { query: { cursor: pageParam } }, ...forOrganization(organizationId) })),
      ),
    initialPageParam: FIRST_PAGE,
    getNextPageParam: nextPageCursor,
  });
}

/** Opens a checkout for a paid plan and sends the browser there; it comes back to the billing page. */
export function useStartCheckout(organizationId: string, slug: string) {
  return useMutation({
    mutationFn: ({ planTier, billingCycle }: Pick<CheckoutRequest, 'planTier' | 'billingCycle'>) =>
      callWithSession(() =>
        unwrap(
          api.POST('/api/v1/billing/checkout', {
            body: {
              planTier,
              billingCycle,
              successUrl: billingUrl(slug, { checkout: 'success' }),
              cancelUrl: billingUrl(slug, { checkout: 'canceled' }),
            },
            ...forOrganization(organizationId),
          }),
        ),
      ),
    onSuccess: ({ sessionUrl }) => window.location.assign(sessionUrl),
  });
}

/** Opens the billing portal (Stripe's, or the sandbox's) and sends the browser there. */
export function useOpenPortal(organizationId: string, slug: string) {
  return useMutation({
    mutationFn: () =>
      callWithSession(() =>
        unwrap(
          api.POST('/api/v1/billing/portal', {
            body: { returnUrl: billingUrl(slug, { [PORTAL_PARAM]: 'returned' }) },
            ...forOrganization(organizationId),
          }),
        ),
      ),
    onSuccess: ({ portalUrl }) => window.location.assign(portalUrl),
  });
}

/** Cancels at the end of the period or now; the API answers with the subscription as it stands. */
export function useCancelSubscription(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CancelRequestDto']) =>
      callWithSession(() => unwrap(api.POST('/api/v1/billing/cancel', { body, ...forOrganization(organizationId) }))),
    onSuccess: (subscription) => {
      queryClient.setQueryData(billingKeys.subscription(organizationId), subscription);
      return refreshPlanDependents(queryClient, organizationId);
    },
  });
}

/**
 * Refuses API calls past the allowance (402) or serves and bills them; the API
 * answers with the subscription. It is read again anyway, with the quota
 * status, so a poll that was already under way cannot put back the old mode.
 */
export function useSetApiCallsMode(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (mode: ApiCallsMode) =>
      callWithSession(() => unwrap(api.PUT('/api/v1/billing/api-calls-mode', { body: { mode }, ...forOrganization(organizationId) }))),
    onSuccess: (subscription) => {
      queryClient.setQueryData(billingKeys.subscription(organizationId), subscription);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: billingKeys.subscription(organizationId) }),
        queryClient.invalidateQueries({ queryKey: quotaStatusKey(organizationId) }),
      ]);
    },
  });
}

/** The plan decides the limits (quota status), the membership's plan (/auth/me) and the invoices listed. */
export function refreshPlanDependents(queryClient: QueryClient, organizationId: string): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: quotaStatusKey(organizationId) }),
    queryClient.invalidateQueries({ queryKey: billingKeys.invoices(organizationId) }),
    queryClient.invalidateQueries({ queryKey: queryKeys.me }),
  ]);
}

const WATCHED: ReadonlyArray<keyof Subscription> = [
  'planTier',
  'status',
  'stripeSubscriptionId',
  'cancelAtPeriodEnd',
  'currentPeriodEnd',
  'graceEndsAt',
];

function hasMoved(before: Subscription, after: Subscription): boolean {
  return WATCHED.some((field) => before[field] !== after[field]);
}
