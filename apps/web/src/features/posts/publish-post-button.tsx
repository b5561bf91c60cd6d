import { Button } from '@mantine/core';
import { notifyFailure, notifySuccess } from '../../ui/notify';
import { useShellContext } from '../shell/shell-context';
import { useCan } from '../shell/use-can';
import { usePublishPost, type PostSummary } from './posts-queries';

/** Drafts only: publishing a published post would change nothing. */
export function PublishPostButton({ post }: { post: PostSummary }) {
  const { membership } = useShellContext();
  const canPublish = useCan('posts:publish');
  const publish = usePublishPost(membership.organizationId, post.siteId);
  if (!canPublish || post.status !== 'draft') return null;

  const publishPost = () =>
    publish.mutate(post.id, {
      onSuccess: () => notifySuccess('Post published', `“${post.title}” is live.`),
      onError: (error) => notifyFailure('The post was not published', error),
    });

  return (
    <Button size="xs" variant="light" color="teal" loading={publish.isPending} onClick={publishPost} aria-label={`Publish ${post.title}`}>
      Publish
    </Button>
  );
}
