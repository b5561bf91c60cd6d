import { Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { formatDateTime } from '../../ui/format';
import { DeletePostButton } from './delete-post-button';
import { EditPostButton } from './edit-post-button';
import { PostStatusBadge } from './post-status-badge';
import type { PostFilter, PostSummary } from './posts-queries';
import { PublishPostButton } from './publish-post-button';

const EMPTY: Record<PostFilter, string> = {
  all: 'No posts yet.',
  draft: 'No drafts.',
  published: 'Nothing published yet.',
};

export function PostsTable({ posts, filter }: { posts: PostSummary[]; filter: PostFilter }) {
  if (posts.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {EMPTY[filter]}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="sm" aria-label="Posts">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Title</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Last change</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {posts.map((post) => (
            <PostRow key={post.id} post={post} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
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
