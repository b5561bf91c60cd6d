import { Button, Container, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link } from 'react-router';
import { MAIN_CONTENT_ID } from '../../ui/skip-link';

/** The slug is not one of the caller's organizations; whether it exists elsewhere is not ours to say. */
export function OrganizationNotFound({ slug }: { slug: string }) {
  useDocumentTitle('Organization not found · Plinth');
  return (
    <Container size="sm" py={80} component="main" id={MAIN_CONTENT_ID} tabIndex={-1}>
      <Stack align="center" ta="center">
        <Title order={1}>Organization not found</Title>
        <Text c="dimmed">You are not a member of an organization called “{slug}”.</Text>
        <Button component={Link} to="/o">
          Go to your organizations
        </Button>
      </Stack>
    </Container>
  );
}
