import { unwrap, type Schemas } from '@plinth/api-client';
import { useQuery } from '@tanstack/react-query';
import { callWithSession } from './call-with-session';
import { api, session } from './client';
import { queryKeys } from './query-keys';

export type Me = Schemas['MeDto'];
export type Membership = Schemas['MembershipDto'];
export type Permission = Membership['permissions'][number];
export type Role = Membership['role'];

export function fetchMe(): Promise<Me> {
  return callWithSession(() => unwrap(api.GET('/api/v1/auth/me')));
}

/**
 * The organization the session acts for: on an organization's own host that
 * one (none when the user is not its member); elsewhere the token's `org`
 * claim, else the first membership.
 */
export function activeMembership(me: Me): Membership | undefined {
  if (me.hostOrganizationSlug) return me.memberships.find((m) => m.slug === me.hostOrganizationSlug);
  return me.memberships.find((m) => m.organizationId === session.activeOrganizationId()) ?? me.memberships[0];
}

/** The signed-in user and their memberships, each with its role and permissions. */
export function useMe() {
  return useQuery({ queryKey: queryKeys.me, queryFn: fetchMe });
}
