import { Button, Container, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link } from 'react-router';
import { MAIN_CONTENT_ID } from '../../ui/skip-link';

/** A deep link into the platform console by someone who is no platform admin: said plainly, nothing asked of the API. */
export function PlatformNotAllowed() {
  useDocumentTitle('Not allowed · Plinth');
  return (
    <Container size="sm" py={80} component="main" id={MAIN_CONTENT_ID} tabIndex={-1}>
      <Stack align="center" ta="center">
        <Title order={1}>Not allowed</Title>
        <Text c="dimmed">
          The platform console is for the operators of this Plinth deployment. Your account is not one of its platform admins.
        </Text>
        <Button component={Link} to="/o">
          Go to your organizations
        </Button>
      </Stack>
    </Container>
  );
}
