import { Alert, Anchor, Center, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { describeFailure } from '../../ui/api-failure';
import { humanBytes } from '../../ui/format';
import { useShellContext } from '../shell/shell-context';
import { CopyMediaLink } from './copy-media-link';
import { useMediaContent, type Media } from './media-queries';
import { mediaTypeName } from './media-types';
import { useObjectUrl } from './use-object-url';

const PREVIEW_HEIGHT = '70vh';

interface Props {
  file: Media;
  opened: boolean;
  onClose: () => void;
}

/** The file itself, shown in a dialog: fetched when the dialog opens, its object URL revoked when it closes. */
export function MediaPreview({ file, opened, onClose }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title={file.filename} size="xl" centered>
      <PreviewBody file={file} />
    </Modal>
  );
}

function PreviewBody({ file }: { file: Media }) {
  const { membership } = useShellContext();
  const content = useMediaContent(membership.organizationId, file);
  const url = useObjectUrl(content.data);
  return (
    <Stack gap="md">
      {content.isError && (
        <Alert color="red" variant="light" title="The file could not be loaded">
          {describeFailure(content.error)}
        </Alert>
      )}
      {!content.isError && !url && (
        <Center h={200}>
          <Loader size="sm" aria-label={`Loading ${file.filename}`} />
        </Center>
      )}
      {url && <PreviewOf file={file} url={url} />}
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed">
          {mediaTypeName(file.contentType)} · {humanBytes(file.sizeBytes)}
        </Text>
        <Group gap="sm">
          {url && (
            <Anchor href={url} download={file.filename} size="sm">
              Download
            </Anchor>
          )}
          <CopyMediaLink file={file} />
        </Group>
      </Group>
    </Stack>
  );
}

/**
 * The bytes as their kind of file. The object URL's type is the one the API
 * recorded (see useMediaContent), so none of these can render as a page.
 *
 * The PDF frame carries no `sandbox` attribute: Chromium refuses to start its
 * PDF viewer in any sandboxed frame ("This page has been blocked"), whatever
 * the tokens. What a sandbox would guard against is content running as this
 * origin; here it cannot: the blob is pinned to application/pdf (the viewer
 * runs in its own isolated extension process), the API checks that an
 * upload's bytes are the type it claims (415 otherwise), and a blob document
 * inherits the console's own Content-Security-Policy.
 */
function PreviewOf({ file, url }: { file: Media; url: string }) {
  if (file.contentType.startsWith('image/')) {
    return (
      <Center>
        <img
          src={url}
          alt={file.filename}
          style={{ maxWidth: '100%', maxHeight: PREVIEW_HEIGHT, objectFit: 'contain' }}
          data-testid="media-preview-image"
        />
      </Center>
    );
  }
  if (file.contentType === 'application/pdf') {
    return (
      <iframe
        src={url}
        title={`${file.filename} (PDF)`}
        referrerPolicy="no-referrer"
        style={{ width: '100%', height: PREVIEW_HEIGHT, border: 0 }}
        data-testid="media-preview-pdf"
      />
    );
  }
  if (file.contentType.startsWith('video/')) {
    return (
      <video src={url} controls preload="metadata" style={{ width: '100%', maxHeight: PREVIEW_HEIGHT }} data-testid="media-preview-video">
        Your browser cannot play this video; download it instead.
      </video>
    );
  }
  return (
    <Text size="sm" c="dimmed">
      Plinth cannot show a {mediaTypeName(file.contentType)} file here; download it instead.
    </Text>
  );
}
