import { Box, Button, Container, Group } from '@mantine/core';
import { Link, Outlet } from 'react-router';
import { useIsSignedIn } from '../../api/use-session';
import { Brand } from '../../ui/brand';
import { ColorSchemeToggle } from '../../ui/color-scheme-toggle';
import { MAIN_CONTENT_ID } from '../../ui/skip-link';
import { PAGE_BACKGROUND } from '../../ui/surface';

/** Header and footer of the public pages. */
export function PublicLayout() {
  const signedIn = useIsSignedIn();
  return (
    <Box mih="100vh" style={{ background: PAGE_BACKGROUND }}>
      <Box
        component="header"
        style={{ background: 'var(--mantine-color-body)', borderBottom: '1px solid var(--mantine-color-default-border)' }}
      >
        <Container size="lg" py="sm" px={{ base: 'xs', xs: 'md' }}>
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Brand compact />
            <Group gap={4} component="nav" aria-label="Account" wrap="nowrap">
              <Button component={Link} to="/pricing" variant="subtle" color="gray" px="xs">
                Pricing
              </Button>
              {signedIn ? (
                <Button component={Link} to="/o" px="sm">
                  Open your dashboard
                </Button>
              ) : (
                <>
                  <Button component={Link} to="/login" variant="subtle" px="xs">
                    Log in
                  </Button>
                  <Button component={Link} to="/signup" px="sm">
                    Sign up
                  </Button>
                </>
              )}
              <ColorSchemeToggle />
            </Group>
          </Group>
        </Container>
      </Box>
      <Box component="main" id={MAIN_CONTENT_ID} tabIndex={-1}>
        <Outlet />
      </Box>
    </Box>
  );
}
