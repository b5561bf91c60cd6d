import { Button, Group, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { showApiFailure } from '../../ui/api-failure';
import { FormAlert } from '../../ui/form-alert';
import { notifySuccess } from '../../ui/notify';
import { quotaExceededOf, type QuotaExceeded } from '../../ui/quota-exceeded';
import { SectionCard } from '../../ui/section-card';
import { UpgradeAlert } from '../../ui/upgrade-alert';
import { useUpgradePath } from '../billing/upgrade-path';
import { useShellContext } from '../shell/shell-context';
import type { Site } from '../sites/sites-queries';
import { PostFields } from './post-fields';
import { POST_VALIDATION, toPostBody, type PostValues } from './post-rules';
import { useCreatePost } from './posts-queries';

export function CreatePostForm({ site }: { site: Site }) {
  const { membership } = useShellContext();
  const createPost = useCreatePost(membership.organizationId, site.id);
  const upgradePath = useUpgradePath();
  const [failure, setFailure] = useState<string | null>(null);
  const [quotaExceeded, setQuotaExceeded] = useState<QuotaExceeded | null>(null);
  const form = useForm<PostValues>({ initialValues: { title: '', body: '' }, validate: POST_VALIDATION });

  const submit = form.onSubmit((values) => {
    setFailure(null);
    setQuotaExceeded(null);
    createPost.mutate(toPostBody(values), {
      onSuccess: (post) => {
        notifySuccess('Draft saved', `“${post.title}” is a draft until it is published.`);
        form.reset();
      },
      onError: (error) => {
        const quota = quotaExceededOf(error);
        if (quota) setQuotaExceeded(quota);
        else setFailure(showApiFailure(form, error));
      },
    });
  });

  return (
    <SectionCard title="Write a post" description="New posts start as drafts.">
      <form onSubmit={submit} noValidate aria-label="Write a post">
        <Stack>
          <PostFields form={form} />
          {quotaExceeded && <UpgradeAlert quota={quotaExceeded} counted="posts in each site" upgradePath={upgradePath} />}
          <FormAlert message={failure} />
          <Group>
            <Button type="submit" loading={createPost.isPending}>
              Save draft
            </Button>
          </Group>
        </Stack>
      </form>
    </SectionCard>
  );
}
