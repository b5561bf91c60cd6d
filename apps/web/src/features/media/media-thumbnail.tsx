import { Box, Center, Skeleton } from '@mantine/core';
import { useShellContext } from '../shell/shell-context';
import { useMediaContent, type Media } from './media-queries';
import { useObjectUrl } from './use-object-url';

const SIZE = 48;

/** Larger images are not downloaded whole just for a 48-pixel square: they get the file glyph, like other files. */
export const THUMBNAIL_MAX_BYTES = 5 * 1024 * 1024;

export function isImage(file: Media): boolean {
  return file.contentType.startsWith('image/');
}

/** The file as a small square: the image itself (fetched with the session), or a document glyph for other files. */
export function MediaThumbnail({ file }: { file: Media }) {
  return (
    <Box
      w={SIZE}
      h={SIZE}
      style={{
        borderRadius: 'var(--mantine-radius-sm)',
        overflow: 'hidden',
        border: '1px solid var(--mantine-color-gray-3)',
        flex: 'none',
      }}
    >
      {isImage(file) && file.sizeBytes <= THUMBNAIL_MAX_BYTES ? <ImageThumbnail file={file} /> : <FileTile />}
    </Box>
  );
}

function ImageThumbnail({ file }: { file: Media }) {
  const { membership } = useShellContext();
  const content = useMediaContent(membership.organizationId, file);
  const url = useObjectUrl(content.data);
  if (content.isError) return <FileTile />;
  if (!url) return <Skeleton w={SIZE} h={SIZE} radius={0} aria-hidden="true" />;
  return <img src={url} alt="" width={SIZE} height={SIZE} style={{ display: 'block', objectFit: 'cover' }} data-testid="media-thumbnail" />;
}

/** No text inside: the type is in its own column, and the filename beside the tile names the row. */
function FileTile() {
  return (
    <Center w={SIZE} h={SIZE} bg="gray.1" c="gray.6">
      <svg width={22} height={22} viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth={1.8}>
        <path d="M14 3H6a1 1 0 0 0-1 1v16a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V8z" />
        <path d="M14 3v5h5" />
      </svg>
    </Center>
  );
}
