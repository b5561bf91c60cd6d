import { unwrap, type Schemas } from '@plinth/api-client';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { callWithSession } from '../../api/call-with-session';
import { api } from '../../api/client';
import { forOrganization } from '../../api/organization-header';
import { FIRST_PAGE, nextPageCursor, unwrapPage } from '../../api/paged';
import { siteKeys } from '../sites/site-keys';
import { quotaStatusKey } from '../usage/quota-status-query';

export type Media = Schemas['MediaDto'];

export function useMedia(organizationId: string, siteId: string) {
  return useInfiniteQuery({
    queryKey: siteKeys.media(organizationId, siteId),
    queryFn: ({ pageParam }) =>
      callWithSession(() =>
        unwrapPage(
          api.GET('/api/v1/sites/{siteId}/media', {
            params: { path: { siteId }, query: { cursor: pageParam } },
            ...forOrganization(organizationId),
          }),
        ),
      ),
    initialPageParam: FIRST_PAGE,
    getNextPageParam: nextPageCursor,
  });
}

/** Files count against `storage_bytes`: the usage figures move with the list. */
function useRefreshMedia(organizationId: string, siteId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: siteKeys.media(organizationId, siteId) }),
      queryClient.invalidateQueries({ queryKey: quotaStatusKey(organizationId) }),
    ]);
}

export function useUploadMedia(organizationId: string, siteId: string) {
  const refresh = useRefreshMedia(organizationId, siteId);
  return useMutation({
    mutationFn: (file: File) =>
      callWithSession(() =>
        unwrap(
          api.POST('/api/v1/sites/{siteId}/media', {
            params: { path: { siteId } },
            // The spec types a binary part as a string; at run time it is the File, sent as multipart.
            body: { file: file as unknown as string },
            bodySerializer: (body) => {
              const form = new FormData();
              form.append('file', body.file);
              return form;
            },
            ...forOrganization(organizationId),
          }),
        ),
      ),
    onSuccess: refresh,
  });
}

export function useDeleteMedia(organizationId: string, siteId: string) {
  const refresh = useRefreshMedia(organizationId, siteId);
  return useMutation({
    mutationFn: (mediaId: string) =>
      callWithSession(() =>
        unwrap(
          api.DELETE('/api/v1/sites/{siteId}/media/{id}', {
            params: { path: { siteId, id: mediaId } },
            ...forOrganization(organizationId),
          }),
        ),
      ),
    onSuccess: refresh,
  });
}
