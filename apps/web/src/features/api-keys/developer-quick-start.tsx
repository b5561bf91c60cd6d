import { Alert, Anchor, Button, Code, CopyButton, Group, Stack, Tabs, Text } from '@mantine/core';
import type { CreatedApiKey } from './api-keys-queries';
import { apiBaseUrl, EXAMPLE_PATH, KEY_HEADER, KEY_PLACEHOLDER, KEY_VARIABLE, snippet, type SnippetLanguage } from './quick-start-snippets';

const LANGUAGES: Array<{ value: SnippetLanguage; label: string; runs: string }> = [
  { value: 'curl', label: 'curl', runs: 'Paste into a terminal.' },
  { value: 'javascript', label: 'JavaScript', runs: 'Node.js 18 or later, in an ES module (e.g. sites.mjs): fetch is built in.' },
  { value: 'python', label: 'Python', runs: 'Python 3 with the requests package (pip install requests).' },
];

/**
 * The first call with a key, ready to paste: the base URL, and the same
 * request in three languages. Right after a key is created the snippets
 * carry it; afterwards (the key is shown only once) they read PLINTH_API_KEY.
 */
export function DeveloperQuickStart({ created }: { created: CreatedApiKey | null }) {
  const baseUrl = apiBaseUrl();
  const apiKey = created?.key ?? null;
  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Text size="sm" fw={600}>
          API base URL
        </Text>
        <Group gap="sm" wrap="nowrap">
          <Code data-testid="api-base-url" style={{ wordBreak: 'break-all' }}>
            {baseUrl}
          </Code>
          <CopyValue value={baseUrl} label="Copy" ariaLabel="Copy the API base URL" />
        </Group>
      </Stack>

      {apiKey ? (
        <Alert color="teal" variant="light" title={`These snippets carry the key “${created?.name}”`}>
          They work as they are. Once you close the key's notice they show {KEY_PLACEHOLDER} again: keep the key out of code you commit.
        </Alert>
      ) : (
        <Text size="sm" c="dimmed" data-testid="api-key-placeholder-note">
          The snippets read the key from the <Code>{KEY_VARIABLE}</Code> environment variable: set it first, e.g.{' '}
          <Code>export {KEY_VARIABLE}=plk_…</Code>. A key is shown only when it is created; create one above to see it in the snippets.
        </Text>
      )}

      <Tabs defaultValue="curl" keepMounted>
        <Tabs.List aria-label="Language">
          {LANGUAGES.map(({ value, label }) => (
            <Tabs.Tab key={value} value={value}>
              {label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {LANGUAGES.map(({ value, label, runs }) => {
          const code = snippet(value, { baseUrl, apiKey });
          return (
            <Tabs.Panel key={value} value={value} pt="sm">
              <Stack gap="xs">
                <Code block data-testid={`snippet-${value}`} style={{ whiteSpace: 'pre', overflowX: 'auto' }}>
                  {code}
                </Code>
                <Group justify="space-between" wrap="wrap">
                  <Text size="xs" c="dimmed">
                    {runs}
                  </Text>
                  <CopyValue value={code} label={`Copy the ${label} snippet`} />
                </Group>
              </Stack>
            </Tabs.Panel>
          );
        })}
      </Tabs>

      <Text size="sm">
        The example lists the organization's sites (<Code>GET /api/v1{EXAMPLE_PATH}</Code>), which every key may do. Keys authenticate with
        the <Code>{KEY_HEADER}</Code> header and act with the role they were created with. Every endpoint, with its request and response:{' '}
        <Anchor href="/api/docs" target="_blank" rel="noopener noreferrer">
          the API reference
        </Anchor>
        .
      </Text>
    </Stack>
  );
}

function CopyValue({ value, label, ariaLabel }: { value: string; label: string; ariaLabel?: string }) {
  return (
    <CopyButton value={value} timeout={2000}>
      {({ copied, copy }) => (
        <Button
          size="xs"
          variant={copied ? 'filled' : 'light'}
          color={copied ? 'teal' : undefined}
          onClick={copy}
          aria-label={copied ? 'Copied' : ariaLabel}
        >
          {copied ? 'Copied' : label}
        </Button>
      )}
    </CopyButton>
  );
}
