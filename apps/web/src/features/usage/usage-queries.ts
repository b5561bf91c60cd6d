import { unwrap, type Schemas } from '@plinth/api-client';
import { useQuery } from '@tanstack/react-query';
import { callWithSession } from '../../api/call-with-session';
import { api } from '../../api/client';
import { forOrganization } from '../../api/organization-header';
import { unwrapPage, type Page } from '../../api/paged';
import { queryKeys } from '../../api/query-keys';
import { siteKeys } from '../sites/site-keys';

export type Site = Schemas['SiteDto'];

export type DailyUsage = Schemas['DailyUsageDto'];

export function useDailyUsage(organizationId: string) {
  return useQuery({
    queryKey: queryKeys.organization(organizationId, 'usage-daily'),
    queryFn: () => callWithSession(() => unwrap(api.GET('/api/v1/quotas/usage/daily', forOrganization(organizationId)))),
    // The calls are made by programs, not in the console: every visit asks again.
    refetchOnMount: 'always',
  });
}

/** Enough for every plan with a site limit; an unlimited organization with more sees the first 500 by name. */
const MAX_SITE_PAGES = 5;

/**
 * Every site, for naming the per-site post counts. Under the site list's key,
 * so creating or deleting a site refreshes it too.
 */
export function useAllSites(organizationId: string) {
  return useQuery({
    queryKey: [...siteKeys.list(organizationId), 'all'],
    queryFn: async () => {
      const sites: Site[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_SITE_PAGES; page += 1) {
        const next: Page<Site> = await callWithSession(() =>
          unwrapPage(api.GET('/api/v1/sites', { params: { query: { cursor, limit: 100 } }, ...forOrganization(organizationId) })),
        );
        sites.push(...next.items);
        if (!next.nextCursor) break;
        cursor = next.nextCursor;
      }
      return sites;
    },
    // Programs create sites too: every visit asks again, so a new site's posts are named.
    refetchOnMount: 'always',
  });
}
