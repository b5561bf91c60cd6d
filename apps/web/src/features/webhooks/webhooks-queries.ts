import { unwrap, type Schemas } from '@plinth/api-client';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callWithSession } from '../../api/call-with-session';
import { api } from '../../api/client';
import { forOrganization } from '../../api/organization-header';
import { FIRST_PAGE, nextPageCursor, unwrapPage } from '../../api/paged';
import { queryKeys } from '../../api/query-keys';
import type { WebhookEventType } from './webhook-events';

/*
 * /webhook-endpoints is not in the generated client yet. Until
 * `libs/api-client/src/schema.d.ts` lists it, the calls go through the SPA's
 * client without its path types (same session, same envelope), and the
 * shapes below are the API's DTOs (apps/api/src/modules/webhooks/dto) as the
 * SPA reads them. Once the schema has them: `Schemas['WebhookEndpointDto']`
 * and friends, `api.GET('/api/v1/webhook-endpoints', …)`, and this block goes.
 */

export type DisabledReason = 'manual' | 'failing';

export interface WebhookEndpoint {
  id: string;
  url: string;
  events: WebhookEventType[];
  description: string | null;
  /** False: nothing is sent (disabled by a person, or after five days of failures). */
  enabled: boolean;
  disabledReason: DisabledReason | null;
  disabledAt: string | null;
  /** Every attempt since then failed; five days of that disable the endpoint. */
  failingSince: string | null;
  /** After a rotation: until then, deliveries are signed with the previous secret too. */
  previousSecretExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What a create or a rotation answers: the signing secret, this once. */
export interface EndpointWithSecret extends WebhookEndpoint {
  secret: string;
}

export interface WebhookEndpointInput {
  url: string;
  events: WebhookEventType[];
  description?: string;
}

export interface WebhookEndpointChanges {
  url?: string;
  events?: WebhookEventType[];
  /** null removes it. */
  description?: string | null;
  enabled?: boolean;
}

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';

export interface WebhookAttempt {
  at: string;
  /** null: no answer (refused address, timeout, connection error). */
  statusCode: number | null;
  durationMs: number;
  /** The first 1,000 characters of the answer. */
  responseExcerpt: string | null;
  error: string | null;
  /** When the next attempt was planned, after this one. */
  nextRetryAt: string | null;
}

export interface WebhookDelivery {
  id: string;
  /** Also the `webhook-id` header and the payload's `id`, the same on every attempt. */
  eventId: string;
  /** A subscribable event, or `webhook.test`. */
  eventType: WebhookEventType | (string & {});
  status: DeliveryStatus;
  /** Oldest first. */
  attempts: WebhookAttempt[];
  nextRetryAt: string | null;
  createdAt: string;
}

type Envelope<T> = { success: true; data: T };
type PagedEnvelope<T> = Envelope<T[]> & { pagination: Schemas['PaginationMeta'] };
type LooseResult<Body> = Promise<{ data?: Body; error?: unknown; response: Response }>;
interface LooseInit {
  params?: { query?: Record<string, string | number | undefined> };
  body?: unknown;
  headers?: Record<string, string>;
}
type LooseMethod = <Body>(path: string, init?: LooseInit) => LooseResult<Body>;

/** The client without path types, for the paths the schema does not list yet; each call names the body it expects. */
const webhooksApi = api as unknown as Record<'GET' | 'POST' | 'PATCH' | 'DELETE', LooseMethod>;

const BASE = '/api/v1/webhook-endpoints';
const endpointPath = (endpointId: string) => `${BASE}/${encodeURIComponent(endpointId)}`;

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
          webhooksApi.GET<PagedEnvelope<WebhookEndpoint>>(BASE, {
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
      callWithSession(() => unwrap(webhooksApi.GET<Envelope<WebhookEndpoint>>(endpointPath(endpointId), forOrganization(organizationId)))),
    staleTime: FRESH_ON_VISIT,
  });
}

/** The endpoint's newest delivery, for the list's "Last delivery"; null before the first. */
export function useLatestDelivery(organizationId: string, endpointId: string) {
  return useQuery({
    queryKey: [...deliveriesKey(organizationId, endpointId), 'latest'],
    queryFn: async () => {
      const { items } = await callWithSession(() =>
        unwrapPage(
          webhooksApi.GET<PagedEnvelope<WebhookDelivery>>(`${endpointPath(endpointId)}/deliveries`, {
            params: { query: { limit: 1 } },
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
        unwrapPage(
          webhooksApi.GET<PagedEnvelope<WebhookDelivery>>(`${endpointPath(endpointId)}/deliveries`, {
            params: { query: { cursor: pageParam, status: status ?? undefined } },
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
      callWithSession(() => unwrap(webhooksApi.POST<Envelope<EndpointWithSecret>>(BASE, { body, ...forOrganization(organizationId) }))),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: endpointsKey(organizationId) }),
  });
}

export function useUpdateWebhookEndpoint(organizationId: string, endpointId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: WebhookEndpointChanges) =>
      callWithSession(() =>
        unwrap(webhooksApi.PATCH<Envelope<WebhookEndpoint>>(endpointPath(endpointId), { body, ...forOrganization(organizationId) })),
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
      callWithSession(() => unwrap(webhooksApi.DELETE<Envelope<void>>(endpointPath(endpointId), forOrganization(organizationId)))),
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
          webhooksApi.POST<Envelope<EndpointWithSecret>>(`${endpointPath(endpointId)}/rotate-secret`, forOrganization(organizationId)),
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
        unwrap(
          webhooksApi.POST<Envelope<WebhookDelivery>>(
            `${endpointPath(endpointId)}/deliveries/${encodeURIComponent(deliveryId)}/replay`,
            forOrganization(organizationId),
          ),
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
        unwrap(webhooksApi.POST<Envelope<{ deliveryId: string }>>(`${endpointPath(endpointId)}/test`, forOrganization(organizationId))),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: deliveriesKey(organizationId, endpointId) }),
  });
}
