import { Button, CopyButton, Tooltip } from '@mantine/core';
import { mediaContentUrl, type Media } from './media-queries';

/** Copies the API URL of the file's bytes. Programs fetch it with an API key (X-API-Key), like any API call. */
export function CopyMediaLink({ file }: { file: Media }) {
  const url = mediaContentUrl(file);
  return (
    <CopyButton value={url} timeout={2000}>
      {({ copied, copy }) => (
        <Tooltip label="The file's API URL: fetch it with an API key in the X-API-Key header" withArrow multiline w={260}>
          <Button
            size="xs"
            variant={copied ? 'filled' : 'light'}
            color={copied ? 'teal' : undefined}
            onClick={copy}
            aria-label={copied ? 'Copied' : `Copy link to ${file.filename}`}
          >
            {copied ? 'Copied' : 'Copy link'}
          </Button>
        </Tooltip>
      )}
    </CopyButton>
  );
}
