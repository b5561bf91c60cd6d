import { unwrap, type Schemas } from '@plinth/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './query-keys';

/**
 * Confirms the address from an emailed link. A query rather than a mutation
 * so the single-use token is sent once even when the page renders twice.
 */
export function useEmailVerification(token: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: queryKeys.emailVerification(token),
    queryFn: async () => {
      const result = await unwrap(api.POST('/api/v1/auth/verify-email', { body: { token } }));
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

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (email: string) => unwrap(api.POST('/api/v1/auth/password-reset', { body: { email } })),
  });
}

export function useConfirmPasswordReset() {
  return useMutation({
    mutationFn: (body: Schemas['PasswordResetConfirmDto']) => unwrap(api.POST('/api/v1/auth/password-reset/confirm', { body })),
  });
}
