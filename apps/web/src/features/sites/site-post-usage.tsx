import { Card, Loader } from '@mantine/core';
import { QueryFailure } from '../../ui/query-failure';
import { useShellContext } from '../shell/shell-context';
import { useQuotaStatus, type DimensionStatus, type QuotaStatus } from '../usage/quota-status-query';
import { UsageMeter } from '../usage/usage-meter';

/** This site's posts against the plan's per-site limit. */
export function SitePostUsage({ siteId }: { siteId: string }) {
  const { membership } = useShellContext();
  const status = useQuotaStatus(membership.organizationId);
  return (
    <Card withBorder padding="lg">
      {status.isPending && <Loader size="sm" aria-label="Loading the post count" />}
      {status.isError && <QueryFailure title="The post count could not be loaded" query={status} />}
      {status.isSuccess && (
        <UsageMeter
          label="Posts in this site"
          id="site-posts"
          usage={sitePostUsage(status.data, siteId)}
          note="The limit applies to each site on its own."
        />
      )}
    </Card>
  );
}

/** `posts.perSite` lists only sites that have held a post; a site missing from it has none. */
function sitePostUsage(status: QuotaStatus, siteId: string): DimensionStatus {
  const current = status.posts.perSite.find((site) => site.siteId === siteId)?.current ?? 0;
  const { limit } = status.posts;
  if (limit === null) return { current, limit, remaining: null, percentage: null };
  const percentage = limit === 0 ? 100 : Math.floor((current / limit) * 100);
  return { current, limit, remaining: Math.max(limit - current, 0), percentage };
}
