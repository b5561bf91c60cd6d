import { unwrap, type Schemas } from '@plinth/api-client';
import { useQuery } from '@tanstack/react-query';
import { callWithSession } from '../../api/call-with-session';
import { api } from '../../api/client';
import { forOrganization } from '../../api/organization-header';
import { queryKeys } from '../../api/query-keys';

export type QuotaStatus = Schemas['QuotaStatusDto'];
export type DimensionStatus = Schemas['DimensionStatusDto'];

export const quotaStatusKey = (organizationId: string) => queryKeys.organization(organizationId, 'quota-status');

interface Options {
  /** False for someone without `quotas:read`, who would only be refused. */
  enabled?: boolean;
  /**
   * Fetch again on every visit, showing the cached figures meanwhile: for the
   * usage page, where API-key calls made behind the console's back should show.
   */
  fresh?: boolean;
}

export function useQuotaStatus(organizationId: string, { enabled = true, fresh = false }: Options = {}) {
  return useQuery({
    queryKey: quotaStatusKey(organizationId),
    queryFn: () => callWithSession(() => unwrap(api.GET('/api/v1/quotas/status', forOrganization(organizationId)))),
    enabled,
    refetchOnMount: fresh ? 'always' : true,
  });
}
