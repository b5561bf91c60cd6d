import { Anchor, Progress, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatNumber } from '../../ui/format';
import { RecordTable } from '../../ui/record-table';
import { useShellContext } from '../shell/shell-context';
import { sitePath } from '../sites/site-paths';
import { meterColor } from './meter-color';
import type { QuotaStatus } from './quota-status-query';
import type { Site } from './usage-queries';

export interface SitePosts {
  siteId: string;
  /** Null for a count whose site is not (or no longer) in the list of sites. */
  name: string | null;
  current: number;
  percentage: number | null;
}

/**
 * Every site with its post count, fullest first. `posts.perSite` lists only
 * sites that have held a post: a site missing from it has none.
 */
export function sitePosts(status: QuotaStatus, sites: Site[]): SitePosts[] {
  const counts = new Map(status.posts.perSite.map((site) => [site.siteId, site.current]));
  const names = new Map(sites.map((site) => [site.id, site.name]));
  const ids = new Set([...names.keys(), ...counts.keys()]);
  const { limit } = status.posts;
  return [...ids]
    .map((siteId) => {
      const current = counts.get(siteId) ?? 0;
      const percentage = limit === null ? null : limit === 0 ? 100 : Math.floor((current / limit) * 100);
      return { siteId, name: names.get(siteId) ?? null, current, percentage };
    })
    .sort((a, b) => b.current - a.current || (a.name ?? '').localeCompare(b.name ?? ''));
}

export function SitePostsTable({ status, sites }: { status: QuotaStatus; sites: Site[] }) {
  return (
    <RecordTable
      label="Posts per site"
      columns={['Site', 'Posts', 'Of the limit']}
      items={sitePosts(status, sites)}
      empty="No sites yet."
      minWidth={480}
      row={(site) => <SitePostsRow key={site.siteId} site={site} limit={status.posts.limit} />}
    />
  );
}

function SitePostsRow({ site, limit }: { site: SitePosts; limit: number | null }) {
  const { membership } = useShellContext();
  const name = site.name ?? `Site ${site.siteId.slice(0, 8)}`;
  return (
    <Table.Tr>
      <Table.Td>
        {site.name ? (
          <Anchor component={Link} to={sitePath(membership.slug, site.siteId)} size="sm" fw={500}>
            {site.name}
          </Anchor>
        ) : (
          <Text size="sm">{name}</Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: 'nowrap' }} data-testid="site-posts-count">
          {formatNumber(site.current)} of {limit === null ? 'unlimited' : formatNumber(limit)}
        </Text>
      </Table.Td>
      <Table.Td w="40%">
        {site.percentage === null ? (
          <Text size="sm" c="dimmed">
            No limit
          </Text>
        ) : (
          <Progress
            aria-label={`Posts in ${name}`}
            value={Math.min(site.percentage, 100)}
            color={meterColor(site.percentage)}
            size="md"
            radius="xl"
          />
        )}
      </Table.Td>
    </Table.Tr>
  );
}
