import { Anchor, Loader } from '@mantine/core';
import { Link } from 'react-router';
import { QueryFailure } from '../../ui/query-failure';
import { SectionCard } from '../../ui/section-card';
import { organizationPath } from '../auth/sign-in-destination';
import { useShellContext } from '../shell/shell-context';
import { useQuotaStatus } from '../usage/quota-status-query';
import { UsageMeters } from '../usage/usage-meters';

/** The usage page's meters, read-only, for members with quotas:read. */
export function UsageAtAGlance() {
  const { membership } = useShellContext();
  const status = useQuotaStatus(membership.organizationId);
  return (
    <SectionCard
      title="Usage"
      description={
        <Anchor component={Link} to={`${organizationPath(membership.slug)}/usage`} size="sm">
          Open usage and plans
        </Anchor>
      }
    >
      {status.isPending && <Loader size="sm" aria-label="Loading usage" />}
      {status.isError && <QueryFailure title="Usage could not be loaded" query={status} />}
      {status.isSuccess && <UsageMeters status={status.data} />}
    </SectionCard>
  );
}
