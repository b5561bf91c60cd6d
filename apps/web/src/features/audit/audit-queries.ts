import type { Schemas } from '@plinth/api-client';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { callWithSession } from '../../api/call-with-session';
import { api } from '../../api/client';
import { forOrganization } from '../../api/organization-header';
import { FIRST_PAGE, nextPageCursor, unwrapPage } from '../../api/paged';
import { queryKeys } from '../../api/query-keys';
import type { AuditQuery } from './audit-filters';

export type AuditEntry = Schemas['AuditLogDto'];

/** Newest first; each filter combination is its own cached list. */
export function useAuditLog(organizationId: string, filters: AuditQuery) {
  return useInfiniteQuery({
    queryKey: queryKeys.organization(organizationId, 'audit-log', filters),
    queryFn: ({ pageParam }) =>
      callWithSession(() =>
        unwrapPage(
          api.GET('/api/v1/audit-logs', {
            params: { query: { ...filters, cursor: pageParam } },
            ...forOrganization(organizationId),
          }),
        ),
      ),
    initialPageParam: FIRST_PAGE,
    getNextPageParam: nextPageCursor,
    // The last list stays on screen while another filter loads.
    placeholderData: keepPreviousData,
  });
}
