import { Stack } from '@mantine/core';
import { useState } from 'react';
import { allItems } from '../../api/paged';
import { ListSkeleton } from '../../ui/list-skeleton';
import { LoadMoreButton } from '../../ui/load-more-button';
import { QueryFailure } from '../../ui/query-failure';
import { SectionCard } from '../../ui/section-card';
import { useShellContext } from '../shell/shell-context';
import { useCan } from '../shell/use-can';
import type { Site } from '../sites/sites-queries';
import { CreatePostForm } from './create-post-form';
import { PostStatusFilter } from './post-status-filter';
import { PostsEmptyState } from './posts-empty-state';
import { usePosts, type PostFilter } from './posts-queries';
import { PostsTable } from './posts-table';

export function PostsSection({ site }: { site: Site }) {
  const canCreate = useCan('posts:create');
  return (
    <>
      {canCreate && <CreatePostForm site={site} />}
      <PostsList site={site} />
    </>
  );
}

function PostsList({ site }: { site: Site }) {
  const { membership } = useShellContext();
  const [filter, setFilter] = useState<PostFilter>('all');
  const posts = usePosts(membership.organizationId, site.id, filter);
  return (
    <SectionCard title="Posts" description="Newest first. A post stays a draft until someone publishes it.">
      <PostStatusFilter value={filter} onChange={setFilter} />
      {posts.isPending && <ListSkeleton label="Loading posts" />}
      {posts.isError && <QueryFailure title="Posts could not be loaded" query={posts} />}
      {posts.isSuccess && (
        <Stack>
          <PostsTable posts={allItems(posts.data.pages)} empty={<PostsEmptyState filter={filter} />} />
          <LoadMoreButton query={posts} />
        </Stack>
      )}
    </SectionCard>
  );
}
