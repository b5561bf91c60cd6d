import { Button, Container, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { MAIN_CONTENT_ID } from '../../ui/skip-link';

/** On another organization's host the API refuses this one: it opens at its own address. */
export function OrganizationOnItsHost({ name, url }: { name: string; url: string }) {
  useDocumentTitle(`${name} · Plinth`);
  return (
    <Container size="sm" py={80} component="main" id={MAIN_CONTENT_ID} tabIndex={-1}>
      <Stack align="center" ta="center">
        <Title order={1}>{name} has its own address</Title>
        <Text c="dimmed">
          This address serves another organization. {name} opens at {new URL(url).host}.
        </Text>
        <Button component="a" href={url}>
          Open {name}
        </Button>
      </Stack>
    </Container>
  );
}
