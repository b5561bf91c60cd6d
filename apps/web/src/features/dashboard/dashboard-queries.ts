import { unwrap, type Schemas } from '@plinth/api-client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { callWithSession } from '../../api/call-with-session';
import { api } from '../../api/client';
import { forOrganization } from '../../api/organization-header';
import { queryKeys } from '../../api/query-keys';

/** Each first step, done or not. */
export type Onboarding = Schemas['OnboardingDto'];

export function useOnboarding(organizationId: string) {
  return useQuery({
    queryKey: queryKeys.organization(organizationId, 'onboarding'),
    queryFn: () =>
      callWithSession(() => unwrap(api.GET('/api/v1/organizations/{id}/onboarding', { params: { path: { id: organizationId } } }))),
    // The steps are taken on other pages: read again each time the home page opens.
    staleTime: 0,
  });
}

export const RECENT_ACTIVITY_LIMIT = 5;

/** The newest few audit entries (audit:read). */
export function useRecentActivity(organizationId: string) {
  return useQuery({
    queryKey: queryKeys.organization(organizationId, 'audit-log', 'recent'),
    queryFn: () =>
      callWithSession(() =>
        unwrap(api.GET('/api/v1/audit-logs', { params: { query: { limit: RECENT_ACTIVITY_LIMIT } }, ...forOrganization(organizationId) })),
      ),
    staleTime: 0,
  });
}

/** Mails a new verification link (signed in, no body, 202; 429 when asked too often). */
export function useResendVerification() {
  return useMutation({
    mutationFn: () => callWithSession(() => unwrap(api.POST('/api/v1/auth/verify-email/resend'))),
  });
}
