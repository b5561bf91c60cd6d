import { SimpleGrid } from '@mantine/core';
import { formatDate, humanBytes } from '../../ui/format';
import type { QuotaStatus } from './quota-status-query';
import { UsageMeter } from './usage-meter';

/** One meter per plan limit, in the order of the plan catalog. */
export function UsageMeters({ status }: { status: QuotaStatus }) {
  const siteCount = status.posts.perSite.length;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl" verticalSpacing="xl">
      <UsageMeter label="Sites" id="sites" usage={status.sites} />
      <UsageMeter
        label="Posts"
        id="posts"
        usage={status.posts}
        note={siteCount > 1 ? `In your fullest site of ${siteCount}; the limit is per site` : 'The limit is per site'}
      />
      <UsageMeter label="Users" id="users" usage={status.users} note="Members plus pending invitations" />
      <UsageMeter label="Storage" id="storage" usage={status.storage_bytes} format={humanBytes} note="Uploaded media" />
      <UsageMeter
        label="API calls"
        id="api-calls"
        usage={status.api_calls}
        note={`Requests with API keys; the count restarts on ${formatDate(status.api_calls.periodEnd)}`}
      />
    </SimpleGrid>
  );
}
