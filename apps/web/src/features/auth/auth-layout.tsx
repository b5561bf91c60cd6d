import { Center, Container, Paper, Stack } from '@mantine/core';
import { Outlet } from 'react-router';
import { Brand } from '../../ui/brand';

/** Centered card for the sign-up, log-in and emailed-link pages. */
export function AuthLayout() {
  return (
    <Container size={440} py={48} component="main">
      <Stack gap="lg">
        <Center>
          <Brand />
        </Center>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <Outlet />
        </Paper>
      </Stack>
    </Container>
  );
}
