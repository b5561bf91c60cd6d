import { unwrap, type Schemas } from '@plinth/api-client';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callWithSession } from '../../api/call-with-session';
import { api } from '../../api/client';
import { forOrganization } from '../../api/organization-header';
import { FIRST_PAGE, nextPageCursor, unwrapPage } from '../../api/paged';
import { quotaStatusKey } from '../usage/quota-status-query';
import { siteKeys } from './site-keys';

export type Site = Schemas['SiteDto'];
export type SiteInput = Schemas['CreateSiteDto'];
export type SiteChanges = Schemas['UpdateSiteDto'];

export function useSites(organizationId: string) {
  return useInfiniteQuery({
    queryKey: siteKeys.list(organizationId),
    queryFn: ({ pageParam }) =>
      callWithSession(() =>
        unwrapPage(api.GET('/api/v1/sites', { params: { query: { cursor: pageParam } }, ...forOrganization(organizationId) })),
      ),
    initialPageParam: FIRST_PAGE,
    getNextPageParam: nextPageCursor,
  });
}

export function useSite(organizationId: string, siteId: string) {
  return useQuery({
    queryKey: siteKeys.site(organizationId, siteId),
    queryFn: () =>
      callWithSession(() =>
        unwrap(api.GET('/api/v1/sites/{id}', { params: { path: { id: siteId } }, ...forOrganization(organizationId) })),
      ),
  });
}

/** Creating or deleting a site moves the `sites` count on the usage figures too. */
function useRefreshSiteList(organizationId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: siteKeys.list(organizationId) }),
      queryClient.invalidateQueries({ queryKey: quotaStatusKey(organizationId) }),
    ]);
}

export function useCreateSite(organizationId: string) {
  const refresh = useRefreshSiteList(organizationId);
  return useMutation({
    mutationFn: (body: SiteInput) => callWithSession(() => unwrap(api.POST('/api/v1/sites', { body, ...forOrganization(organizationId) }))),
    onSuccess: refresh,
  });
}

export function useUpdateSite(organizationId: string, siteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SiteChanges) =>
      callWithSession(() =>
        unwrap(
          api.PATCH('/api/v1/sites/{id}', {
            params: { path: { id: siteId } },
            body,
            ...forOrganization(organizationId),
          }),
        ),
      ),
    onSuccess: (site) => {
      queryClient.setQueryData(siteKeys.site(organizationId, siteId), site);
      return queryClient.invalidateQueries({ queryKey: siteKeys.list(organizationId) });
    },
  });
}

export function useDeleteSite(organizationId: string) {
  const queryClient = useQueryClient();
  const refresh = useRefreshSiteList(organizationId);
  return useMutation({
    mutationFn: (siteId: string) =>
      callWithSession(() =>
        unwrap(api.DELETE('/api/v1/sites/{id}', { params: { path: { id: siteId } }, ...forOrganization(organizationId) })),
      ),
    onSuccess: (_nothing, siteId) => {
      queryClient.removeQueries({ queryKey: siteKeys.site(organizationId, siteId) });
      return refresh();
    },
  });
}
