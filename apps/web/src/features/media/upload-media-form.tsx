import { Button, FileInput, Group, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { showApiFailure } from '../../ui/api-failure';
import { FormAlert } from '../../ui/form-alert';
import { humanBytes } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { quotaExceededOf, type QuotaExceeded } from '../../ui/quota-exceeded';
import { UpgradeAlert } from '../../ui/upgrade-alert';
import { useUpgradePath } from '../billing/upgrade-path';
import { useShellContext } from '../shell/shell-context';
import { useUploadMedia } from './media-queries';
import { ACCEPTED_MEDIA_TYPES, MEDIA_TYPE_LIST } from './media-types';
import { uploadProblemOf } from './upload-problem';

type Values = {
  file: File | null;
};

export function UploadMediaForm({ siteId }: { siteId: string }) {
  const { membership } = useShellContext();
  const upload = useUploadMedia(membership.organizationId, siteId);
  const upgradePath = useUpgradePath();
  const [failure, setFailure] = useState<string | null>(null);
  const [quotaExceeded, setQuotaExceeded] = useState<QuotaExceeded | null>(null);
  const form = useForm<Values>({ initialValues: { file: null }, validate: { file: checkFile } });

  const submit = form.onSubmit(({ file }) => {
    if (!file) return;
    setFailure(null);
    setQuotaExceeded(null);
    upload.mutate(file, {
      onSuccess: (media) => {
        notifySuccess('File uploaded', `“${media.filename}” is in the site's media.`);
        form.reset();
      },
      onError: (error) => {
        const quota = quotaExceededOf(error);
        const problem = uploadProblemOf(error, file);
        if (quota) setQuotaExceeded(quota);
        else if (problem) form.setFieldError('file', problem);
        else setFailure(showApiFailure(form, error));
      },
    });
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Upload a file">
      <Stack>
        <Group align="flex-start" wrap="wrap">
          <FileInput
            label="File"
            placeholder="Choose a file"
            description={`${MEDIA_TYPE_LIST} files.`}
            accept={ACCEPTED_MEDIA_TYPES}
            clearable
            flex="1 1 320px"
            {...form.getInputProps('file')}
          />
          <Button type="submit" loading={upload.isPending} mt={46}>
            Upload
          </Button>
        </Group>
        {quotaExceeded && <UpgradeAlert quota={quotaExceeded} counted="of storage" format={humanBytes} upgradePath={upgradePath} />}
        <FormAlert message={failure} />
      </Stack>
    </form>
  );
}

function checkFile(file: File | null): string | null {
  if (!file) return 'Choose a file to upload';
  return file.size === 0 ? `“${file.name}” is empty` : null;
}
