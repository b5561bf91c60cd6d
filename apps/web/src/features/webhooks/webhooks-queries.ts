import { unwrap, type Schemas } from '@plinth/api-client';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callWithSession } from '../../api/call-with-session';
import { api } from '../../api/client';
import { forOrganization } from '../../api/organization-header';
import { FIRST_PAGE, nextPageCursor, unwrapPage } from '../../api/paged';
import { queryKeys } from '../../api/query-keys';

export type WebhookEndpoint = Schemas['WebhookEndpointDto'];
export type DisabledReason = NonNullable<WebhookEndpoint['disabledReason']>;
/** What a create or a rotation answers: the signing secret, this once. */
export type EndpointWithSecret = Schemas['WebhookEndpointWithSecretDto'];
export type WebhookEndpointInput = Schemas['CreateWebhookEndpointDto'];
export type WebhookEndpointChanges = Schemas['UpdateWebhookEndpointDto'];
export type WebhookAttempt = Schemas['WebhookAttemptDto'];

type DeliveryDto = Schemas['WebhookDeliveryDto'];
export type DeliveryStatus = DeliveryDto['status'];
/** A delivery as the API sends it: a subscribable event's, or a `webhook.test` one's. */
export type WebhookDelivery = DeliveryDto;

// --- Query keys: all under the organization's 'webhook-endpoints', so one invalidation refreshes the feature.

const endpointsKey = (organizationId: string) => queryKeys.organization(organizationId, 'webhook-endpoints');
const listKey = (organizationId: string) => [...endpointsKey(organizationId), 'list'] as const;
const endpointKey = (organizationId: string, endpointId: string) => [...endpointsKey(organizationId), endpointId] as const;
const deliveriesKey = (organizationId: string, endpointId: string) => [...endpointKey(organizationId, endpointId), 'deliveries'] as const;

/** While a delivery is on its way, its log is read again this often. */
export const PENDING_REFRESH_MS = 3_000;
/** Deliveries, and the endpoint's state with them, change without the person doing anything: read them afresh on each visit. */
const FRESH_ON_VISIT = 0;

export function useWebhookEndpoints(organizationId: string) {
  return useInfiniteQuery({
    queryKey: listKey(organizationId),
    queryFn: ({ pageParam }) =>
      callWithSession(() =>
        unwrapPage(
          api.GET('/api/v1/webhook-endpoints', {
            params: { query: { cursor: pageParam } },
            ...forOrganization(organizationId),
          }),
        ),
      ),
    initialPageParam: FIRST_PAGE,
    getNextPageParam: nextPageCursor,
    staleTime: FRESH_ON_VISIT,
  });
}

export function useWebhookEndpoint(organizationId: string, endpointId: string) {
  return useQuery({
    queryKey: endpointKey(organizationId, endpointId),
    queryFn: () =>
      callWithSession(() =>
        unwrap(api.GET('/api/v1/webhook-endpoints/{id}', { params: { path: { id: endpointId } }, ...forOrganization(organizationId) })),
      ),
    staleTime: FRESH_ON_VISIT,
  });
}

/** The endpoint's newest delivery, for the list's "Last delivery"; null before the first. */
export function useLatestDelivery(organizationId: string, endpointId: string) {
  return useQuery({
    queryKey: [...deliveriesKey(organizationId, endpointId), 'latest'],
    queryFn: async () => {
      const { items } = await callWithSession(() =>
        unwrapPage<WebhookDelivery>(
          api.GET('/api/v1/webhook-endpoints/{id}/deliveries', {
            params: { path: { id: endpointId }, query: { limit: 1 } },
            ...forOrganization(organizationId),
          }),
        ),
      );
      return items[0] ?? null;
    },
    staleTime: FRESH_ON_VISIT,
    refetchInterval: (query) => (query.state.data?.status === 'pending' ? PENDING_REFRESH_MS : false),
  });
}

/** The endpoint's deliveries, newest first, each with its attempts; read again while any is pending. */
export function useWebhookDeliveries(organizationId: string, endpointId: string, status: DeliveryStatus | null) {
  return useInfiniteQuery({
    queryKey: [...deliveriesKey(organizationId, endpointId), 'log', status],
    queryFn: ({ pageParam }) =>
      callWithSession(() =>
        unwrapPage<WebhookDelivery>(
          api.GET('/api/v1/webhook-endpoints/{id}/deliveries', {
            params: { path: { id: endpointId }, query: { cursor: pageParam, status: status ?? undefined } },
            ...forOrganization(organizationId),
          }),
        ),
      ),
    initialPageParam: FIRST_PAGE,
    getNextPageParam: nextPageCursor,
    staleTime: FRESH_ON_VISIT,
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.items.some((delivery) => delivery.status === 'pending')) ? PENDING_REFRESH_MS : false,
  });
}

export function useCreateWebhookEndpoint(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: WebhookEndpointInput) =>
      callWithSession(() => unwrap(api.POST('/api/v1/webhook-endpoints', { body, ...forOrganization(organizationId) }))),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: endpointsKey(organizationId) }),
  });
}

export function useUpdateWebhookEndpoint(organizationId: string, endpointId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: WebhookEndpointChanges) =>
      callWithSession(() =>
        unwrap(
          api.PATCH('/api/v1/webhook-endpoints/{id}', { params: { path: { id: endpointId } }, body, ...forOrganization(organizationId) }),
        ),
      ),
    onSuccess: (endpoint) => {
      queryClient.setQueryData(endpointKey(organizationId, endpointId), endpoint);
      return queryClient.invalidateQueries({ queryKey: endpointsKey(organizationId) });
    },
  });
}

export function useDeleteWebhookEndpoint(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (endpointId: string) =>
      callWithSession(() =>
        unwrap(api.DELETE('/api/v1/webhook-endpoints/{id}', { params: { path: { id: endpointId } }, ...forOrganization(organizationId) })),
      ),
    // Only the list: the deleted endpoint's page is still open until the caller leaves it, and must not ask for it again.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: listKey(organizationId) }),
  });
}

/** A new secret, shown once; the previous one keeps signing for 24 hours. */
export function useRotateWebhookSecret(organizationId: string, endpointId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      callWithSession(() =>
        unwrap(
          api.POST('/api/v1/webhook-endpoints/{id}/rotate-secret', {
            params: { path: { id: endpointId } },
            ...forOrganization(organizationId),
          }),
        ),
      ),
    onSuccess: ({ secret: _shownOnce, ...endpoint }) => {
      // The cache keeps the endpoint, never its secret.
      queryClient.setQueryData(endpointKey(organizationId, endpointId), endpoint);
      return queryClient.invalidateQueries({ queryKey: endpointsKey(organizationId) });
    },
  });
}

export function useReplayDelivery(organizationId: string, endpointId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) =>
      callWithSession(() =>
        unwrap<WebhookDelivery>(
          api.POST('/api/v1/webhook-endpoints/{id}/deliveries/{deliveryId}/replay', {
            params: { path: { id: endpointId, deliveryId } },
            ...forOrganization(organizationId),
          }),
        ),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: deliveriesKey(organizationId, endpointId) }),
  });
}

/** Sends a `webhook.test` event to this endpoint now: 202 with the new delivery's id. */
export function useSendTestEvent(organizationId: string, endpointId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      callWithSession(() =>
        unwrap(
          api.POST('/api/v1/webhook-endpoints/{id}/test', { params: { path: { id: endpointId } }, ...forOrganization(organizationId) }),
        ),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: deliveriesKey(organizationId, endpointId) }),
  });
}
