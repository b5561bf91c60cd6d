import { ConfirmAction } from '../../ui/confirm-action';
import { notifySuccess } from '../../ui/notify';
import { useShellContext } from '../shell/shell-context';
import { useCan } from '../shell/use-can';
import { useDeletePost, type PostSummary } from './posts-queries';

/** Deleting takes `posts:edit`, as the contract has it; there is no separate delete permission. */
export function DeletePostButton({ post, onDeleted }: { post: PostSummary; onDeleted?: () => void }) {
  const { membership } = useShellContext();
  const canEdit = useCan('posts:edit');
  const deletePost = useDeletePost(membership.organizationId, post.siteId);
  if (!canEdit) return null;

  const remove = async () => {
    await deletePost.mutateAsync(post.id);
    notifySuccess('Post deleted', `“${post.title}” is gone.`);
    onDeleted?.();
  };

  return (
    <ConfirmAction
      label="Delete"
      ariaLabel={`Delete ${post.title}`}
      size="xs"
      title="Delete this post?"
      confirmLabel="Delete post"
      onConfirm={remove}
    >
      “{post.title}” is deleted{post.status === 'published' ? ' and leaves the site' : ''}. This cannot be undone.
    </ConfirmAction>
  );
}
