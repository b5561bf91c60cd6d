import { Anchor, Code, Loader, Stack, Text } from '@mantine/core';
import type { Schemas } from '@plinth/api-client';
import { Link } from 'react-router';
import { formatDateTime } from '../../ui/format';
import { QueryFailure } from '../../ui/query-failure';
import { SectionCard } from '../../ui/section-card';
import { organizationPath } from '../auth/sign-in-destination';
import { useShellContext } from '../shell/shell-context';
import { RECENT_ACTIVITY_LIMIT, useRecentActivity } from './dashboard-queries';

type AuditEntry = Schemas['AuditLogDto'];

/** The newest entries of the audit log, for members with audit:read. */
export function RecentActivity() {
  const { membership } = useShellContext();
  const activity = useRecentActivity(membership.organizationId);
  return (
    <SectionCard
      title="Recent activity"
      description={
        <Anchor component={Link} to={`${organizationPath(membership.slug)}/audit`} size="sm">
          Open the audit log
        </Anchor>
      }
    >
      {activity.isPending && <Loader size="sm" aria-label="Loading recent activity" />}
      {activity.isError && <QueryFailure title="Recent activity could not be loaded" query={activity} />}
      {activity.isSuccess &&
        (activity.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nothing recorded yet.
          </Text>
        ) : (
          <Stack component="ol" gap="sm" p={0} m={0} aria-label="Recent activity" style={{ listStyle: 'none' }}>
            {activity.data.slice(0, RECENT_ACTIVITY_LIMIT).map((entry) => (
              <Stack component="li" key={entry.id} gap={0}>
                <Code w="fit-content">{entry.action}</Code>
                <Text size="xs" c="dimmed">
                  {actorName(entry.actor)} · {formatDateTime(entry.createdAt)}
                </Text>
              </Stack>
            ))}
          </Stack>
        ))}
    </SectionCard>
  );
}

/** The person's or the key's name; the address for a person the API has no name for. */
function actorName(actor: AuditEntry['actor']): string {
  if (actor.type === 'system') return 'Plinth';
  if (actor.name) return actor.name;
  if (actor.type === 'api_key') return 'An API key';
  return actor.email ?? 'A former member';
}
