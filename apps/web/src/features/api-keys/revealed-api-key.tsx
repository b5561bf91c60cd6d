import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import type { CreatedApiKey } from './api-keys-queries';

interface Props {
  created: CreatedApiKey;
  onDismiss: () => void;
}

/** The only time the key itself is shown: the API stores just its hash. */
export function RevealedApiKey({ created, onDismiss }: Props) {
  return (
    <Alert color="teal" variant="light" title={`Copy the key “${created.name}” now`}>
      <Stack gap="sm">
        <Text size="sm">This is the only time Plinth shows it. Store it somewhere safe; afterwards the list shows only its prefix.</Text>
        <Code block data-testid="revealed-api-key" style={{ wordBreak: 'break-all' }}>
          {created.key}
        </Code>
        <Group gap="sm">
          <CopyButton value={created.key}>
            {({ copied, copy }) => (
              <Button color={copied ? 'teal' : undefined} onClick={copy}>
                {copied ? 'Copied' : 'Copy the key'}
              </Button>
            )}
          </CopyButton>
          <Button variant="default" onClick={onDismiss}>
            I have stored it
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
