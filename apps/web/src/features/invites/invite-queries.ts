import { unwrap, type Schemas } from '@plinth/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSwitchOrganization } from '../../api/auth-mutations';
import { callWithSession } from '../../api/call-with-session';
import { api } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import { fetchMe, type Membership } from '../../api/use-me';

export type InvitePreview = Schemas['InvitePreviewDto'];

/** Public: what the link offers, for anyone holding it. */
export function useInvitePreview(token: string) {
  return useQuery({
    queryKey: queryKeys.invitePreview(token),
    queryFn: () => unwrap(api.GET('/api/v1/organizations/invites/{token}', { params: { path: { token } } })),
    staleTime: 0,
  });
}

/**
 * Accepts the invite, then makes the new organization the session's one,
 * resolving to the membership so the page can open it by its slug.
 */
export function useJoinOrganization(token: string) {
  const queryClient = useQueryClient();
  const { mutateAsync: switchOrganization } = useSwitchOrganization();
  return useMutation({
    mutationFn: async (): Promise<Membership> => {
      const accepted = await callWithSession(() =>
        unwrap(api.POST('/api/v1/organizations/invites/{token}/accept', { params: { path: { token } } })),
      );
      await switchOrganization(accepted.organizationId);
      const me = await queryClient.fetchQuery({ queryKey: queryKeys.me, queryFn: fetchMe, staleTime: 0 });
      const membership = me.memberships.find((m) => m.organizationId === accepted.organizationId);
      if (!membership) throw new Error('The new membership is missing from your account; reload the page.');
      return membership;
    },
  });
}
