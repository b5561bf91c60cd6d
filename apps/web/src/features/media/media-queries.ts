import { ApiError, unwrap, type Schemas } from '@plinth/api-client';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callWithSession } from '../../api/call-with-session';
import { api } from '../../api/client';
import { forOrganization } from '../../api/organization-header';
import { FIRST_PAGE, nextPageCursor, unwrapPage } from '../../api/paged';
import { siteKeys } from '../sites/site-keys';
import { quotaStatusKey } from '../usage/quota-status-query';

export type Media = Schemas['MediaDto'];

/** The API URL of a file's bytes: what "Copy link" copies. It needs credentials, like every API call. */
export function mediaContentUrl(file: Pick<Media, 'siteId' | 'id'>, origin: string = window.location.origin): string {
  return `${origin}/api/v1/sites/${encodeURIComponent(file.siteId)}/media/${encodeURIComponent(file.id)}/content`;
}

const mediaContentKey = (organizationId: string, file: Pick<Media, 'siteId' | 'id'>) =>
  [...siteKeys.site(organizationId, file.siteId), 'media-content', file.id] as const;

/**
 * A file's bytes as a Blob, for thumbnails and the preview. The route wants
 * the session's Bearer token and the organization header, which an <img src>
 * cannot send: the SPA fetches the bytes and shows them through an object URL.
 * The Blob's type is the one the API recorded for the file, whatever the
 * response says, so a preview can only ever render as that kind of file.
 */
export function useMediaContent(organizationId: string, file: Media) {
  return useQuery({
    queryKey: mediaContentKey(organizationId, file),
    queryFn: () =>
      callWithSession(async () => {
        const { data, error, response } = await api.GET('/api/v1/sites/{siteId}/media/{id}/content', {
          params: { path: { siteId: file.siteId, id: file.id } },
          parseAs: 'blob',
          ...forOrganization(organizationId),
        });
        if (!response.ok || !data) throw apiErrorOf(response, error);
        return new Blob([data], { type: file.contentType });
      }),
    // A file's bytes never change under its id.
    staleTime: Infinity,
    // Large files should not linger in memory once nothing shows them.
    gcTime: 60_000,
  });
}

function apiErrorOf(response: Response, error: unknown): ApiError {
  const body = (error ?? {}) as { error?: { code?: string; message?: string; details?: unknown } };
  return new ApiError(response.status, body.error?.code ?? 'INTERNAL', body.error?.message ?? response.statusText, body.error?.details);
}

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
  const queryClient = useQueryClient();
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
    onSuccess: (_nothing, mediaId) => {
      queryClient.removeQueries({ queryKey: mediaContentKey(organizationId, { siteId, id: mediaId }) });
      return refresh();
    },
  });
}
