import { unwrap, type Schemas } from '@plinth/api-client';
import { useQuery } from '@tanstack/react-query';
import { callWithSession } from './call-with-session';
import { api } from './client';
import { queryKeys } from './query-keys';

export type Me = Schemas['MeDto'];
export type Membership = Schemas['MembershipDto'];
export type Permission = Membership['permissions'][number];
export type Role = Membership['role'];

export function fetchMe(): Promise<Me> {
  return callWithSession(() => unwrap(api.GET('/api/v1/auth/me')));
}

/** The signed-in user and their memberships, each with its role and permissions. */
export function useMe() {
  return useQuery({ queryKey: queryKeys.me, queryFn: fetchMe });
}
