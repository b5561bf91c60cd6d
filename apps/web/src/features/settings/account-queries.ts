import { unwrap, type Schemas } from '@plinth/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callWithSession } from '../../api/call-with-session';
import { api } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { Me } from '../../api/use-me';

export type User = Schemas['UserDto'];
/** One signed-in device: a refresh-token family. */
export type AccountSession = Schemas['SessionDto'];
export type PasswordChange = Schemas['ChangePasswordDto'];
export type EmailChange = Schemas['EmailChangeDto'];

const sessionsKey = ['account-sessions'] as const;
const emailChangeKey = (token: string) => ['email-change', token] as const;

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['UpdateProfileDto']) => callWithSession(() => unwrap(api.PATCH('/api/v1/auth/me', { body }))),
    onSuccess: ({ user }) => {
      queryClient.setQueryData<Me>(queryKeys.me, (me) => me && { ...me, user });
      void queryClient.invalidateQueries({ queryKey: queryKeys.me });
    },
  });
}

/** Every other session ends; this one stays signed in. */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PasswordChange) => callWithSession(() => unwrap(api.POST('/api/v1/auth/password', { body }))),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });
}

/** Mails a confirmation link to the new address; nothing changes until it is opened. */
export function useRequestEmailChange() {
  return useMutation({
    mutationFn: (body: EmailChange) => callWithSession(() => unwrap(api.POST('/api/v1/auth/email-change', { body }))),
  });
}

/**
 * Confirms the new address from the mailed link. A query rather than a
 * mutation, like the email verification, so the single-use token is sent once
 * even when the page renders twice. Works signed out too: the token is enough.
 */
export function useEmailChangeConfirmation(token: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: emailChangeKey(token),
    queryFn: async () => {
      const result = await unwrap(api.POST('/api/v1/auth/email-change/confirm', { body: { token } }));
      await queryClient.invalidateQueries({ queryKey: queryKeys.me });
      return result;
    },
    enabled: token !== '',
    retry: false,
    staleTime: Infinity,
    gcTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

export function useAccountSessions() {
  return useQuery({
    queryKey: sessionsKey,
    queryFn: () => callWithSession(() => unwrap(api.GET('/api/v1/auth/sessions'))),
  });
}

/** That device's tokens stop working at once. */
export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sessionId: string) =>
      callWithSession(() => unwrap(api.DELETE('/api/v1/auth/sessions/{id}', { params: { path: { id: sessionId } } }))),
    onSuccess: (_, sessionId) => {
      queryClient.setQueryData<AccountSession[]>(sessionsKey, (sessions) => sessions?.filter((s) => s.id !== sessionId));
      void queryClient.invalidateQueries({ queryKey: sessionsKey });
    },
  });
}

/** 409 CONFLICT while the caller is the last owner of an organization with other members (`details.organizations`). */
export function useDeleteAccount() {
  return useMutation({
    mutationFn: (password: string) => callWithSession(() => unwrap(api.DELETE('/api/v1/auth/me', { body: { password } }))),
  });
}
