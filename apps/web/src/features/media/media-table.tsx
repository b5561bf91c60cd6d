import { Table, Text } from '@mantine/core';
import { ConfirmAction } from '../../ui/confirm-action';
import { formatDateTime, humanBytes } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { useShellContext } from '../shell/shell-context';
import { useCan } from '../shell/use-can';
import { useDeleteMedia, type Media } from './media-queries';
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
      minWidth={600}
      row={(file) => <MediaRow key={file.id} file={file} />}
    />
  );
}

function MediaRow({ file }: { file: Media }) {
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={500} style={{ wordBreak: 'break-all' }}>
          {file.filename}
        </Text>
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
      <Table.Td ta="right">
        <DeleteMediaButton file={file} />
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
