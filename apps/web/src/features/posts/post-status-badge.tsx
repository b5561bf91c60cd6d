import { Badge } from '@mantine/core';
import type { PostStatus } from './posts-queries';

const STATUS_LABELS: Record<PostStatus, string> = { draft: 'Draft', published: 'Published' };

export function PostStatusBadge({ status }: { status: PostStatus }) {
  return (
    <Badge variant="light" color={status === 'published' ? 'teal' : 'gray'} tt="none" data-testid="post-status">
      {STATUS_LABELS[status]}
    </Badge>
  );
}
