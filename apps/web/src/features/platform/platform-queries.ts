import { unwrap, type paths, type Schemas } from '@plinth/api-client';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callWithSession } from '../../api/call-with-session';
import { api } from '../../api/client';
import { FIRST_PAGE, nextPageCursor, unwrapPage } from '../../api/paged';

export type AdminOrganization = Schemas['AdminOrganizationDto'];
export type BillingMetrics = Schemas['BillingMetricsDto'];
export type FailedDelivery = Schemas['FailedWebhookDeliveryDto'];
export type FailedStripeEvent = Schemas['FailedStripeEventDto'];
export type StripeEventRetry = Schemas['StripeEventRetryDto'];
export type JobQueue = Schemas['JobQueueDto'];
export type Dimension = paths['/api/v1/admin/organizations/{id}/quota-overrides/{dimension}']['put']['parameters']['path']['dimension'];

/** A range as the metrics endpoint takes it: ISO instants, either end optional (the API defaults to the last 30 days). */
export interface MetricsRange {
  from?: string;
  to?: string;
}

// Query keys: the platform's data belongs to no organization, so it lives under 'platform' (the whole cache goes on sign-out).
const platformKey = ['platform'] as const;
const organizationsKey = [...platformKey, 'organizations'] as const;
const deliveriesKey = [...platformKey, 'failed-deliveries'] as const;
const stripeEventsKey = [...platformKey, 'failed-stripe-events'] as const;

/** Failures and queues change without anyone here doing anything: read them afresh on each visit. */
const FRESH_ON_VISIT = 0;
/** The queues page follows the queues as they drain. */
export const QUEUES_REFRESH_MS = 5_000;

export function useAdminOrganizations(search: string) {
  return useInfiniteQuery({
    queryKey: [...organizationsKey, search],
    queryFn: ({ pageParam }) =>
      callWithSession(() =>
        unwrapPage(api.GET('/api/v1/admin/organizations', { params: { query: { query: search || undefined, cursor: pageParam } } })),
      ),
    initialPageParam: FIRST_PAGE,
    getNextPageParam: nextPageCursor,
    // While a new search loads, the previous results stay (no flash of an empty table).
    placeholderData: keepPreviousData,
    staleTime: FRESH_ON_VISIT,
  });
}

export function useSetQuotaOverride(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ dimension, limit }: { dimension: Dimension; limit: number | null }) =>
      callWithSession(() =>
        unwrap(
          api.PUT('/api/v1/admin/organizations/{id}/quota-overrides/{dimension}', {
            params: { path: { id: organizationId, dimension } },
            body: { limit },
          }),
        ),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organizationsKey }),
  });
}

export function useBillingMetrics(range: MetricsRange) {
  return useQuery({
    queryKey: [...platformKey, 'billing-metrics', range.from ?? null, range.to ?? null],
    queryFn: () => callWithSession(() => unwrap(api.GET('/api/v1/admin/metrics/billing', { params: { query: range } }))),
  });
}

export function useFailedDeliveries() {
  return useInfiniteQuery({
    queryKey: deliveriesKey,
    queryFn: ({ pageParam }) =>
      callWithSession(() => unwrapPage(api.GET('/api/v1/admin/webhook-deliveries/failed', { params: { query: { cursor: pageParam } } }))),
    initialPageParam: FIRST_PAGE,
    getNextPageParam: nextPageCursor,
    staleTime: FRESH_ON_VISIT,
  });
}

/** Sends a delivery again through its organization's replay; it leaves the list of failures. */
export function useRetryDelivery() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) =>
      callWithSession(() => unwrap(api.POST('/api/v1/admin/webhook-deliveries/{id}/retry', { params: { path: { id: deliveryId } } }))),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: deliveriesKey }),
  });
}

export function useFailedStripeEvents() {
  return useInfiniteQuery({
    queryKey: stripeEventsKey,
    queryFn: ({ pageParam }) =>
      callWithSession(() => unwrapPage(api.GET('/api/v1/admin/stripe-events/failed', { params: { query: { cursor: pageParam } } }))),
    initialPageParam: FIRST_PAGE,
    getNextPageParam: nextPageCursor,
    staleTime: FRESH_ON_VISIT,
  });
}

/** Applies an event now; the answer says whether it worked or why not. */
export function useRetryStripeEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (eventId: string) =>
      callWithSession(() => unwrap(api.POST('/api/v1/admin/stripe-events/{id}/retry', { params: { path: { id: eventId } } }))),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: stripeEventsKey }),
  });
}

export function useJobQueues() {
  return useQuery({
    queryKey: [...platformKey, 'job-queues'],
    // Every queue the product defines fits one page (a dozen or so).
    queryFn: () => callWithSession(() => unwrap(api.GET('/api/v1/admin/job-queues', { params: { query: { limit: 100 } } }))),
    staleTime: FRESH_ON_VISIT,
    refetchInterval: QUEUES_REFRESH_MS,
  });
}
