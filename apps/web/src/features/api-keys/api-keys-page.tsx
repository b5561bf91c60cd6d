import { Box, Container, Loader, Stack } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { allItems } from '../../api/paged';
import { LoadMoreButton } from '../../ui/load-more-button';
import { PageHeader } from '../../ui/page-header';
import { QueryFailure } from '../../ui/query-failure';
import { SectionCard } from '../../ui/section-card';
import { useShellContext } from '../shell/shell-context';
import { useApiKeys, type CreatedApiKey } from './api-keys-queries';
import { ApiKeysTable } from './api-keys-table';
import { CreateApiKeyForm } from './create-api-key-form';
import { DeveloperQuickStart } from './developer-quick-start';
import { RevealedApiKey } from './revealed-api-key';

export function ApiKeysPage() {
  const { membership } = useShellContext();
  useDocumentTitle(`API keys · ${membership.name} · Plinth`);
  // Held in this component only: the key must not outlive the page in any cache.
  const [revealed, setRevealed] = useState<CreatedApiKey | null>(null);
  return (
    <Container size="lg">
      <Stack gap="lg">
        <PageHeader title="API keys" description="Keys let programs call the Plinth API for this organization with a fixed role." />
        <SectionCard
          title="Create a key"
          description="Programs send it as the X-API-Key header. Leave “Expires on” empty for a key that never expires."
        >
          {revealed && <RevealedApiKey created={revealed} onDismiss={() => setRevealed(null)} />}
          <CreateApiKeyForm onCreated={setRevealed} />
        </SectionCard>
        <QuickStartSection created={revealed} />
        <ApiKeysSection />
      </Stack>
    </Container>
  );
}

/** The id the home page's "Try the API" step links to (`api-keys#quick-start`). */
const QUICK_START_ID = 'quick-start';

function QuickStartSection({ created }: { created: CreatedApiKey | null }) {
  const { hash } = useLocation();
  const section = useRef<HTMLDivElement>(null);
  // The page renders after the browser looked for the fragment: scroll to it once it exists.
  useEffect(() => {
    if (hash === `#${QUICK_START_ID}`) section.current?.scrollIntoView({ block: 'start' });
  }, [hash]);
  return (
    <Box id={QUICK_START_ID} ref={section} style={{ scrollMarginTop: 'calc(var(--app-shell-header-height, 60px) + 1rem)' }}>
      <SectionCard title="Quick start" description="Call the API with a key from a terminal or a program.">
        <DeveloperQuickStart created={created} />
      </SectionCard>
    </Box>
  );
}

function ApiKeysSection() {
  const { membership } = useShellContext();
  const keys = useApiKeys(membership.organizationId);
  return (
    <SectionCard title="Active keys" description="Newest first. Revoked and expired keys are not listed.">
      {keys.isPending && <Loader size="sm" aria-label="Loading API keys" />}
      {keys.isError && <QueryFailure title="API keys could not be loaded" query={keys} />}
      {keys.isSuccess && (
        <Stack>
          <ApiKeysTable keys={allItems(keys.data.pages)} />
          <LoadMoreButton query={keys} />
        </Stack>
      )}
    </SectionCard>
  );
}
