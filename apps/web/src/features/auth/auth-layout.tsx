import { Center, Container, Paper, Stack } from '@mantine/core';
import { Outlet } from 'react-router';
import { Brand } from '../../ui/brand';
import { ColorSchemeToggle } from '../../ui/color-scheme-toggle';
import { MAIN_CONTENT_ID } from '../../ui/skip-link';

/** Centered card for the sign-up, log-in and emailed-link pages. */
export function AuthLayout() {
  return (
    <Container size={440} py={{ base: 24, sm: 48 }} px={{ base: 'xs', xs: 'md' }} component="main" id={MAIN_CONTENT_ID} tabIndex={-1}>
      <Stack gap="lg">
        <Center pos="relative">
          <Brand />
          <Center pos="absolute" right={0}>
            <ColorSchemeToggle />
          </Center>
        </Center>
        <Paper withBorder shadow="sm" p={{ base: 'md', xs: 'xl' }} radius="md">
          <Outlet />
        </Paper>
      </Stack>
    </Container>
  );
}
