import { unwrap, type Schemas } from '@plinth/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { callWithSession } from './call-with-session';
import { api, session } from './client';

export type SignupInput = Schemas['SignupDto'];
export type LoginInput = Schemas['LoginDto'];

/** Starts a fresh session: nothing cached for a previous user may survive it. */
function useStartSession() {
  const queryClient = useQueryClient();
  return (pair: Schemas['TokenPairDto']) => {
    queryClient.clear();
    session.start(pair);
  };
}

export function useSignup() {
  const startSession = useStartSession();
  return useMutation({
    mutationFn: (body: SignupInput) => unwrap(api.POST('/api/v1/auth/signup', { body })),
    onSuccess: startSession,
  });
}

export function useLogin() {
  const startSession = useStartSession();
  return useMutation({
    mutationFn: (body: LoginInput) => unwrap(api.POST('/api/v1/auth/login', { body })),
    onSuccess: startSession,
  });
}

export function useLogout() {
  return useMutation({
    mutationFn: async () => {
      const refreshToken = session.getRefreshToken();
      if (refreshToken) await unwrap(api.POST('/api/v1/auth/logout', { body: { refreshToken } }));
    },
    // Signed out locally even if the server could not be told.
    onSettled: () => session.clear(),
  });
}

export function useSwitchOrganization() {
  return useMutation({
    mutationFn: (organizationId: string) =>
      callWithSession(() => unwrap(api.POST('/api/v1/auth/switch-organization', { body: { organizationId } }))),
    onSuccess: (pair) => {
      const previousRefreshToken = session.getRefreshToken();
      session.start(pair);
      // The switch starts a new token family; the old one would otherwise stay usable for 30 days.
      if (previousRefreshToken) void revokeFamily(previousRefreshToken);
    },
  });
}

function revokeFamily(refreshToken: string): Promise<unknown> {
  return unwrap(api.POST('/api/v1/auth/logout', { body: { refreshToken } })).catch(() => undefined);
}
