import { unwrap, type Schemas } from '@plinth/api-client';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { callWithSession } from '../../api/call-with-session';
import { api } from '../../api/client';
import { FIRST_PAGE, nextPageCursor, unwrapPage } from '../../api/paged';
import { queryKeys } from '../../api/query-keys';
import type { GrantableRole } from '../../api/roles';
import type { Me } from '../../api/use-me';

export type Member = Schemas['MemberDto'];

const membersKey = (organizationId: string) => queryKeys.organization(organizationId, 'members');

export function useMembers(organizationId: string) {
  return useInfiniteQuery({
    queryKey: membersKey(organizationId),
    queryFn: ({ pageParam }) =>
      callWithSession(() =>
        unwrapPage(
          api.GET('/api/v1/organizations/{id}/members', {
            params: { path: { id: organizationId }, query: { cursor: pageParam } },
          }),
        ),
      ),
    initialPageParam: FIRST_PAGE,
    getNextPageParam: nextPageCursor,
  });
}

/** Membership changes move the `users` count and may change the caller's own role: refresh both. */
function useRefreshAfterMembershipChange(organizationId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.organization(organizationId) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.me }),
    ]);
}

/** Any role but owner: the API refuses that (403), ownership moves only by transfer. */
export function useChangeRole(organizationId: string) {
  const refresh = useRefreshAfterMembershipChange(organizationId);
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: GrantableRole }) =>
      callWithSession(() =>
        unwrap(
          api.PATCH('/api/v1/organizations/{id}/members/{userId}', {
            params: { path: { id: organizationId, userId } },
            body: { role },
          }),
        ),
      ),
    onSettled: refresh,
  });
}

export function useRemoveMember(organizationId: string) {
  const refresh = useRefreshAfterMembershipChange(organizationId);
  return useMutation({
    mutationFn: (userId: string) =>
      callWithSession(() =>
        unwrap(
          api.DELETE('/api/v1/organizations/{id}/members/{userId}', {
            params: { path: { id: organizationId, userId } },
          }),
        ),
      ),
    onSuccess: refresh,
  });
}

export function useTransferOwnership(organizationId: string) {
  const refresh = useRefreshAfterMembershipChange(organizationId);
  return useMutation({
    mutationFn: (userId: string) =>
      callWithSession(() =>
        unwrap(
          api.POST('/api/v1/organizations/{id}/transfer-ownership', {
            params: { path: { id: organizationId } },
            body: { userId },
          }),
        ),
      ),
    onSuccess: refresh,
  });
}

/** After leaving, nothing of the organization may stay cached, and /auth/me must no longer list it. */
export function useLeaveOrganization(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      callWithSession(() => unwrap(api.POST('/api/v1/organizations/{id}/leave', { params: { path: { id: organizationId } } }))),
    onSuccess: () => {
      // Dropped from the cached /auth/me at once, so /o cannot pick it again while the refetch runs.
      queryClient.setQueryData<Me>(queryKeys.me, (me) => me && withoutOrganization(me, organizationId));
      queryClient.removeQueries({ queryKey: queryKeys.organization(organizationId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.me });
    },
  });
}

function withoutOrganization(me: Me, organizationId: string): Me {
  return { ...me, memberships: me.memberships.filter((m) => m.organizationId !== organizationId) };
}
