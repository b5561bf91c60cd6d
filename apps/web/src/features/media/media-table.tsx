import { Group, Table, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { ConfirmAction } from '../../ui/confirm-action';
import { formatDateTime, humanBytes } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { useShellContext } from '../shell/shell-context';
import { useCan } from '../shell/use-can';
import { CopyMediaLink } from './copy-media-link';
import { MediaPreview } from './media-preview';
import { useDeleteMedia, type Media } from './media-queries';
import { MediaThumbnail } from './media-thumbnail';
import { mediaTypeName } from './media-types';
import { RecordTable } from '../../ui/record-table';

export function MediaTable({ media }: { media: Media[] }) {
  return (
    <RecordTable
      label="Media"
      columns={['File', 'Type', 'Size', 'Uploaded']}
      withActions
      items={media}
      empty={'No media yet.'}
      minWidth={720}
      row={(file) => <MediaRow key={file.id} file={file} />}
    />
  );
}

function MediaRow({ file }: { file: Media }) {
  const [previewOpened, preview] = useDisclosure(false);
  return (
    <Table.Tr>
      <Table.Td>
        <UnstyledButton onClick={preview.open} aria-haspopup="dialog" title={`Preview ${file.filename}`}>
          <Group gap="sm" wrap="nowrap">
            <MediaThumbnail file={file} />
            <Text size="sm" fw={500} c="var(--mantine-primary-color-filled)" style={{ wordBreak: 'break-all' }}>
              {file.filename}
            </Text>
          </Group>
        </UnstyledButton>
        <MediaPreview file={file} opened={previewOpened} onClose={preview.close} />
      </Table.Td>
      <Table.Td>
        <Text size="sm">{mediaTypeName(file.contentType)}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {humanBytes(file.sizeBytes)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {formatDateTime(file.createdAt)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap="xs" justify="flex-end" wrap="nowrap">
          <CopyMediaLink file={file} />
          <DeleteMediaButton file={file} />
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** Deleting a file takes `posts:edit`, as the contract has it. */
function DeleteMediaButton({ file }: { file: Media }) {
  const { membership } = useShellContext();
  const canEdit = useCan('posts:edit');
  const deleteMedia = useDeleteMedia(membership.organizationId, file.siteId);
  if (!canEdit) return null;

  const remove = async () => {
    await deleteMedia.mutateAsync(file.id);
    notifySuccess('File deleted', `“${file.filename}” is gone; its ${humanBytes(file.sizeBytes)} of storage are free.`);
  };

  return (
    <ConfirmAction
      label="Delete"
      ariaLabel={`Delete ${file.filename}`}
      size="xs"
      title="Delete this file?"
      confirmLabel="Delete file"
      onConfirm={remove}
    >
      “{file.filename}” ({humanBytes(file.sizeBytes)}) is deleted and no longer counts against your storage. This cannot be undone.
    </ConfirmAction>
  );
}
