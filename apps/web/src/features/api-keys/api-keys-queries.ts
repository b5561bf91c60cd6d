import { unwrap, type Schemas } from '@plinth/api-client';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { callWithSession } from '../../api/call-with-session';
import { api } from '../../api/client';
import { forOrganization } from '../../api/organization-header';
import { FIRST_PAGE, nextPageCursor, unwrapPage } from '../../api/paged';
import { queryKeys } from '../../api/query-keys';

export type ApiKey = Schemas['ApiKeyDto'];
export type CreatedApiKey = Schemas['CreatedApiKeyDto'];
export type ApiKeyInput = Schemas['CreateApiKeyDto'];

const apiKeysKey = (organizationId: string) => queryKeys.organization(organizationId, 'api-keys');

export function useApiKeys(organizationId: string) {
  return useInfiniteQuery({
    queryKey: apiKeysKey(organizationId),
    queryFn: ({ pageParam }) =>
      callWithSession(() =>
        unwrapPage(
          api.GET('/api/v1/api-keys', {
            params: { query: { cursor: pageParam } },
            ...forOrganization(organizationId),
          }),
        ),
      ),
    initialPageParam: FIRST_PAGE,
    getNextPageParam: nextPageCursor,
  });
}

export function useCreateApiKey(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiKeyInput) =>
      callWithSession(() => unwrap(api.POST('/api/v1/api-keys', { body, ...forOrganization(organizationId) }))),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysKey(organizationId) }),
  });
}

export function useRevokeApiKey(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      callWithSession(() => unwrap(api.DELETE('/api/v1/api-keys/{id}', { params: { path: { id } }, ...forOrganization(organizationId) }))),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysKey(organizationId) }),
  });
}
