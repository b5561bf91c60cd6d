import { Container, Stack } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { PageHeader } from '../../ui/page-header';
import { useShellContext } from '../shell/shell-context';
import { useCan } from '../shell/use-can';
import { CreateSiteForm } from './create-site-form';
import { SitesSection } from './sites-section';

export function SitesPage() {
  const { membership } = useShellContext();
  const canCreate = useCan('sites:create');
  useDocumentTitle(`Sites · ${membership.name} · Plinth`);
  return (
    <Container size="lg">
      <Stack gap="lg">
        <PageHeader title="Sites" description={`The sites ${membership.name} publishes, each with its own posts and media.`} />
        {canCreate && <CreateSiteForm />}
        <SitesSection />
      </Stack>
    </Container>
  );
}
