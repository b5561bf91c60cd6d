import { unwrap, type Schemas } from '@plinth/api-client';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { callWithSession } from '../../api/call-with-session';
import { api } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { Me } from '../../api/use-me';

export type Organization = Schemas['OrganizationDto'];
export type OrganizationChanges = Schemas['UpdateOrganizationDto'];

const organizationKey = (organizationId: string) => queryKeys.organization(organizationId, 'organization');

/** The organization's own record: /auth/me has its name and slug, not its logo. */
export function useOrganization(organizationId: string) {
  return useQuery({
    queryKey: organizationKey(organizationId),
    queryFn: () => callWithSession(() => unwrap(api.GET('/api/v1/organizations/{id}', { params: { path: { id: organizationId } } }))),
  });
}

/**
 * Renames, re-slugs or sets the logo. The cached /auth/me takes the new name
 * and slug at once, so the shell finds the organization under its new
 * address as soon as the page moves there.
 */
export function useUpdateOrganization(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: OrganizationChanges) =>
      callWithSession(() => unwrap(api.PATCH('/api/v1/organizations/{id}', { params: { path: { id: organizationId } }, body: changes }))),
    onSuccess: (organization) => {
      queryClient.setQueryData<Organization>(organizationKey(organizationId), (before) => before && { ...before, ...organization });
      queryClient.setQueryData<Me>(queryKeys.me, (me) => me && renamed(me, organization));
      void queryClient.invalidateQueries({ queryKey: queryKeys.me });
    },
  });
}

function renamed(me: Me, organization: Organization): Me {
  return {
    ...me,
    memberships: me.memberships.map((m) =>
      m.organizationId === organization.id ? { ...m, name: organization.name, slug: organization.slug } : m,
    ),
  };
}

/** Deletes the organization and everything in it (owner only). Its cache goes with it. */
export function useDeleteOrganization(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => callWithSession(() => unwrap(api.DELETE('/api/v1/organizations/{id}', { params: { path: { id: organizationId } } }))),
    onSuccess: () => forgetOrganization(queryClient, organizationId),
  });
}

/** Dropped from the cached /auth/me at once, so /o cannot pick it again while the refetch runs. */
function forgetOrganization(queryClient: QueryClient, organizationId: string): void {
  queryClient.setQueryData<Me>(
    queryKeys.me,
    (me) => me && { ...me, memberships: me.memberships.filter((m) => m.organizationId !== organizationId) },
  );
  queryClient.removeQueries({ queryKey: queryKeys.organization(organizationId) });
  void queryClient.invalidateQueries({ queryKey: queryKeys.me });
}

export interface ExportFile {
  blob: Blob;
  filename: string;
}

/**
 * The organization's whole data set as NDJSON (owner only). Fetched with the
 * session's token (a plain link could not carry it), then handed to the
 * browser as a download.
 */
export function useExportOrganization(organizationId: string, slug: string) {
  return useMutation({
    mutationFn: () =>
      callWithSession(async (): Promise<ExportFile> => {
        const result = await api.GET('/api/v1/organizations/{id}/export', { params: { path: { id: organizationId } }, parseAs: 'blob' });
        if (!result.response.ok) await unwrap(Promise.resolve({ error: result.error, response: result.response }));
        return { blob: result.data as unknown as Blob, filename: filenameOf(result.response) ?? `${slug}-export.ndjson` };
      }),
    onSuccess: saveFile,
  });
}

function filenameOf(response: Response): string | null {
  const disposition = response.headers.get('Content-Disposition') ?? '';
  return /filename="([^"]+)"/.exec(disposition)?.[1] ?? null;
}

function saveFile({ blob, filename }: ExportFile): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // After the click has started the download.
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
