import { Anchor, Group, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../../ui/format';
import { RecordTable } from '../../ui/record-table';
import { useShellContext } from '../shell/shell-context';
import { DeletePostButton } from './delete-post-button';
import { EditPostButton } from './edit-post-button';
import { postPath } from './post-paths';
import { PostStatusBadge } from './post-status-badge';
import type { PostSummary } from './posts-queries';
import { PublishPostButton } from './publish-post-button';

interface Props {
  posts: PostSummary[];
  /** What an empty list shows: an EmptyState for the current filter. */
  empty: ReactNode;
}

export function PostsTable({ posts, empty }: Props) {
  return (
    <RecordTable
      label="Posts"
      columns={['Title', 'Status', 'Last change']}
      withActions
      items={posts}
      empty={empty}
      minWidth={640}
      row={(post) => <PostRow key={post.id} post={post} />}
    />
  );
}

function PostRow({ post }: { post: PostSummary }) {
  const { membership } = useShellContext();
  return (
    <Table.Tr>
      <Table.Td>
        {/* Everyone who can list posts can read one: the title opens it. */}
        <Anchor component={Link} to={postPath(membership.slug, post.siteId, post.id)} size="sm" fw={500}>
          {post.title}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <PostStatusBadge status={post.status} />
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {formatDateTime(post.updatedAt)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap="xs" justify="flex-end" wrap="nowrap">
          <PublishPostButton post={post} />
          <EditPostButton post={post} />
          <DeletePostButton post={post} />
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
