import { ApiError, unwrap, type Schemas } from '@plinth/api-client';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { callWithSession } from '../../api/call-with-session';
import { api } from '../../api/client';
import { forOrganization } from '../../api/organization-header';
import { FIRST_PAGE, nextPageCursor, unwrapPage, type Page } from '../../api/paged';
import { queryKeys } from '../../api/query-keys';
import type { AuditQuery } from './audit-filters';

export type AuditActor = Schemas['AuditActorDto'];
export type AuditEntry = Schemas['AuditLogDto'];
export type Member = Schemas['MemberDto'];
export type ApiKey = Schemas['ApiKeyDto'];
export type ExportFormat = 'csv' | 'ndjson';

const auditKey = (organizationId: string, ...parts: unknown[]) => queryKeys.organization(organizationId, 'audit-log', ...parts);

/** Newest first; each filter combination is its own cached list. */
export function useAuditLog(organizationId: string, filters: AuditQuery) {
  return useInfiniteQuery({
    queryKey: auditKey(organizationId, 'entries', filters),
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

/** The actions this organization's log holds, sorted: the choices of the action filter. */
export function useAuditActions(organizationId: string) {
  return useQuery({
    queryKey: auditKey(organizationId, 'actions'),
    queryFn: () => callWithSession(() => unwrap(api.GET('/api/v1/audit-logs/actions', forOrganization(organizationId)))),
    staleTime: 60_000,
  });
}

/** At most this many pages of 100 for a list of choices: enough for any real organization's people and keys. */
const MAX_CHOICE_PAGES = 10;

async function everyPage<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined = undefined;
  for (let page = 0; page < MAX_CHOICE_PAGES; page += 1) {
    const next: Page<T> = await fetchPage(cursor);
    items.push(...next.items);
    if (!next.nextCursor) break;
    cursor = next.nextCursor;
  }
  return items;
}

/** Everyone in the organization: the actor filter's choices and the names of the log's actors and targets. */
export function useAuditMembers(organizationId: string) {
  return useQuery({
    queryKey: auditKey(organizationId, 'members'),
    queryFn: () =>
      everyPage((cursor) =>
        callWithSession(() =>
          unwrapPage(
            api.GET('/api/v1/organizations/{id}/members', {
              params: { path: { id: organizationId }, query: { cursor, limit: 100 } },
            }),
          ),
        ),
      ),
    staleTime: 60_000,
  });
}

/** The organization's API keys, for a member who may list them (`apikeys:manage`). */
export function useAuditApiKeys(organizationId: string, { enabled }: { enabled: boolean }) {
  return useQuery({
    queryKey: auditKey(organizationId, 'api-keys'),
    queryFn: () =>
      everyPage((cursor) =>
        callWithSession(() =>
          unwrapPage(
            api.GET('/api/v1/api-keys', {
              params: { query: { cursor, limit: 100 } },
              ...forOrganization(organizationId),
            }),
          ),
        ),
      ),
    enabled,
    staleTime: 60_000,
  });
}

export interface AuditExport {
  file: Blob;
  filename: string;
}

/** The whole (filtered) log as a file; the API refuses it below Pro with 402 PLAN_FEATURE_UNAVAILABLE. */
export function useExportAuditLog(organizationId: string) {
  return useMutation({
    mutationFn: ({ format, filters }: { format: ExportFormat; filters: AuditQuery }) =>
      callWithSession(async (): Promise<AuditExport> => {
        const { data, error, response } = await api.GET('/api/v1/audit-logs/export', {
          params: { query: { ...filters, format } },
          parseAs: 'blob',
          ...forOrganization(organizationId),
        });
        if (!response.ok || !data) throw apiErrorOf(response, error);
        return { file: data, filename: filenameOf(response) ?? `audit-log.${format}` };
      }),
  });
}

function apiErrorOf(response: Response, error: unknown): ApiError {
  const body = (error ?? {}) as { error?: { code?: string; message?: string; details?: unknown } };
  return new ApiError(response.status, body.error?.code ?? 'INTERNAL', body.error?.message ?? response.statusText, body.error?.details);
}

/** `attachment; filename="acme-audit-log.csv"` → `acme-audit-log.csv`. */
function filenameOf(response: Response): string | null {
  const disposition = response.headers.get('Content-Disposition') ?? '';
  return /filename="([^"]+)"/.exec(disposition)?.[1] ?? null;
}
