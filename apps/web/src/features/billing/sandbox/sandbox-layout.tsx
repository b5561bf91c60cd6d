import { Badge, Box, Container, Group, Paper, Stack } from '@mantine/core';
import { Outlet } from 'react-router';
import { Brand } from '../../../ui/brand';
import { SandboxLabel } from '../billing-notices';

/** The frame of the sandbox's checkout and portal pages: plainly not Plinth's own console, and plainly not real. */
export function SandboxLayout() {
  return (
    <Box mih="100vh" bg="gray.0">
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="sm" py="sm">
          <Group justify="space-between">
            <Brand to="/o" />
            <Badge color="grape" size="lg" variant="filled">
              Sandbox
            </Badge>
          </Group>
        </Container>
      </Box>
      <Container size="sm" py="xl" component="main">
        <Stack gap="lg">
          <SandboxLabel />
          <Paper withBorder shadow="sm" p="xl" radius="md">
            <Outlet />
          </Paper>
        </Stack>
      </Container>
    </Box>
  );
}
