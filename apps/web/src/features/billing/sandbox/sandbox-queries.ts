import { unwrap, type Schemas } from '@plinth/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callWithSession } from '../../../api/call-with-session';
import { api } from '../../../api/client';
import { forOrganization } from '../../../api/organization-header';
import { billingKeys } from '../billing-queries';

export type SandboxState = Schemas['SandboxStateDto'];
export type CardOutcome = SandboxState['cardOutcome'];

/** The organization's sandbox billing clock and how its next charges end. */
export function useSandboxState(organizationId: string) {
  return useQuery({
    queryKey: billingKeys.sandbox(organizationId),
    queryFn: () => callWithSession(() => unwrap(api.GET('/api/v1/billing/sandbox', forOrganization(organizationId)))),
  });
}

/** Pays a sandbox checkout; the subscription follows a moment later (its events go through the job queue). */
export function useCompleteSandboxCheckout(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sessionId: string) =>
      callWithSession(() =>
        unwrap(
          api.POST('/api/v1/billing/sandbox/checkout/{sessionId}/complete', {
            params: { path: { sessionId } },
            ...forOrganization(organizationId),
          }),
        ),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: billingKeys.all(organizationId) }),
  });
}

export function useSetCardOutcome(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (outcome: CardOutcome) =>
      callWithSession(() => unwrap(api.POST('/api/v1/billing/sandbox/card', { body: { outcome }, ...forOrganization(organizationId) }))),
    onSuccess: (state) => queryClient.setQueryData(billingKeys.sandbox(organizationId), state),
  });
}

export function useAdvanceClock(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (advanceDays: number) =>
      callWithSession(() =>
        unwrap(api.POST('/api/v1/billing/sandbox/clock', { body: { advanceDays }, ...forOrganization(organizationId) })),
      ),
    onSuccess: (state) => queryClient.setQueryData(billingKeys.sandbox(organizationId), state),
  });
}
