import { unwrap, type Schemas } from '@plinth/api-client';
import { useQuery } from '@tanstack/react-query';
import { callWithSession } from '../../api/call-with-session';
import { api } from '../../api/client';
import { forOrganization } from '../../api/organization-header';
import { queryKeys } from '../../api/query-keys';

export type QuotaStatus = Schemas['QuotaStatusDto'];
export type DimensionStatus = Schemas['DimensionStatusDto'];

export const quotaStatusKey = (organizationId: string) => queryKeys.organization(organizationId, 'quota-status');

/** `enabled: false` for someone without `quotas:read`, who would only be refused. */
export function useQuotaStatus(organizationId: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: quotaStatusKey(organizationId),
    queryFn: () => callWithSession(() => unwrap(api.GET('/api/v1/quotas/status', forOrganization(organizationId)))),
    enabled,
  });
}
