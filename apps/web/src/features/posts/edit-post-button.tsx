import { Button, Loader, Modal } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { QueryFailure } from '../../ui/query-failure';
import { useShellContext } from '../shell/shell-context';
import { useCan } from '../shell/use-can';
import { EditPostForm } from './edit-post-form';
import { usePost, type PostSummary } from './posts-queries';

export function EditPostButton({ post }: { post: PostSummary }) {
  const canEdit = useCan('posts:edit');
  const [opened, { open, close }] = useDisclosure(false);
  if (!canEdit) return null;
  return (
    <>
      <Button size="xs" variant="default" onClick={open} aria-label={`Edit ${post.title}`}>
        Edit
      </Button>
      <Modal opened={opened} onClose={close} title="Edit post" size="lg" centered>
        <PostEditor summary={post} onDone={close} />
      </Modal>
    </>
  );
}

/** Lists leave the body out, so the editor loads the whole post first. */
function PostEditor({ summary, onDone }: { summary: PostSummary; onDone: () => void }) {
  const { membership } = useShellContext();
  const post = usePost(membership.organizationId, summary.siteId, summary.id);
  if (post.isPending) return <Loader size="sm" aria-label="Loading the post" />;
  if (post.isError) return <QueryFailure title="The post could not be loaded" query={post} />;
  return <EditPostForm post={post.data} onDone={onDone} />;
}
