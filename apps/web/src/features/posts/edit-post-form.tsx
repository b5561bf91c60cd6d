import { Button, Group, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { showApiFailure } from '../../ui/api-failure';
import { FormAlert } from '../../ui/form-alert';
import { notifySuccess } from '../../ui/notify';
import { useShellContext } from '../shell/shell-context';
import { PostFields } from './post-fields';
import { POST_VALIDATION, toPostBody, type PostValues } from './post-rules';
import { useUpdatePost, type Post } from './posts-queries';

interface Props {
  post: Post;
  onDone: () => void;
}

export function EditPostForm({ post, onDone }: Props) {
  const { membership } = useShellContext();
  const updatePost = useUpdatePost(membership.organizationId, post.siteId, post.id);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<PostValues>({
    initialValues: { title: post.title, body: post.body },
    validate: POST_VALIDATION,
  });

  const submit = form.onSubmit((values) => {
    setFailure(null);
    updatePost.mutate(toPostBody(values), {
      onSuccess: (saved) => {
        notifySuccess('Post saved', `“${saved.title}” is up to date.`);
        onDone();
      },
      onError: (error) => setFailure(showApiFailure(form, error)),
    });
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Edit the post">
      <Stack>
        <PostFields form={form} />
        <FormAlert message={failure} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone} disabled={updatePost.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={updatePost.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
