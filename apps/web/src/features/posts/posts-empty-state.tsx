import { Button } from '@mantine/core';
import { EmptyState } from '../../ui/empty-state';
import { focusForm } from '../../ui/focus-form';
import { useCan } from '../shell/use-can';
import type { PostFilter } from './posts-queries';

const TITLES: Record<PostFilter, string> = {
  all: 'No posts yet.',
  draft: 'No drafts.',
  published: 'Nothing published yet.',
};

/** An empty posts list, with the next step for someone who can take it. */
export function PostsEmptyState({ filter }: { filter: PostFilter }) {
  const canCreate = useCan('posts:create');
  const canPublish = useCan('posts:publish');
  if (filter === 'published') {
    return (
      <EmptyState
        title={TITLES.published}
        description={
          canPublish ? 'Publish a draft from the list to put it on the site.' : 'Published posts appear here once someone publishes one.'
        }
      />
    );
  }
  return (
    <EmptyState
      title={TITLES[filter]}
      description={
        canCreate ? 'Write a post above; it stays a draft until it is published.' : 'Posts appear here once an editor writes one.'
      }
      action={
        canCreate && (
          <Button variant="light" onClick={() => focusForm('Write a post')}>
            Write the first post
          </Button>
        )
      }
    />
  );
}
