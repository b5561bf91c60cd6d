import { Group, Table, Text } from '@mantine/core';
import { formatDateTime } from '../../ui/format';
import { DeletePostButton } from './delete-post-button';
import { EditPostButton } from './edit-post-button';
import { PostStatusBadge } from './post-status-badge';
import type { PostFilter, PostSummary } from './posts-queries';
import { PublishPostButton } from './publish-post-button';
import { RecordTable } from '../../ui/record-table';

const EMPTY: Record<PostFilter, string> = {
  all: 'No posts yet.',
  draft: 'No drafts.',
  published: 'Nothing published yet.',
};

export function PostsTable({ posts, filter }: { posts: PostSummary[]; filter: PostFilter }) {
  return (
    <RecordTable
      label="Posts"
      columns={['Title', 'Status', 'Last change']}
      withActions
      items={posts}
      empty={EMPTY[filter]}
      minWidth={640}
      row={(post) => <PostRow key={post.id} post={post} />}
    />
  );
}

function PostRow({ post }: { post: PostSummary }) {
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={500}>
          {post.title}
        </Text>
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
