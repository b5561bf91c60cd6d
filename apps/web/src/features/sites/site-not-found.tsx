import { Button, Container, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link } from 'react-router';
import { useShellContext } from '../shell/shell-context';
import { sitesPath } from './site-paths';

/** The id names no site of this organization: deleted, mistyped, or another organization's. */
export function SiteNotFound() {
  const { membership } = useShellContext();
  useDocumentTitle('Site not found · Plinth');
  return (
    <Container size="sm" py={60}>
      <Stack align="center" ta="center">
        <Title order={1}>Site not found</Title>
        <Text c="dimmed">{membership.name} has no such site. It may have been deleted.</Text>
        <Button component={Link} to={sitesPath(membership.slug)}>
          Back to the sites
        </Button>
      </Stack>
    </Container>
  );
}
