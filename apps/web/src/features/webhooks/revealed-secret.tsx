import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

interface Props {
  title: string;
  secret: string;
  /** What the secret is for and how long the previous one lasts. */
  children: ReactNode;
  onDismiss: () => void;
}

/** The only time a signing secret is shown: the API keeps it sealed and never sends it again. */
export function RevealedSecret({ title, secret, children, onDismiss }: Props) {
  return (
    <Alert color="teal" variant="light" title={title}>
      <Stack gap="sm">
        {children}
        <Code block data-testid="revealed-webhook-secret" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
          {secret}
        </Code>
        <Group gap="sm">
          <CopyButton value={secret}>
            {({ copied, copy }) => (
              <Button color={copied ? 'teal' : undefined} onClick={copy}>
                {copied ? 'Copied' : 'Copy the secret'}
              </Button>
            )}
          </CopyButton>
          <Button variant="default" onClick={onDismiss}>
            I have stored it
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          This is the only time Plinth shows it. Lost it? Rotate the secret on the endpoint’s page.
        </Text>
      </Stack>
    </Alert>
  );
}
