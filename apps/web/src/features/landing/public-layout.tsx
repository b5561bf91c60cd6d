import { Box, Button, Container, Group } from '@mantine/core';
import { Link, Outlet } from 'react-router';
import { useIsSignedIn } from '../../api/use-session';
import { Brand } from '../../ui/brand';

/** Header and footer of the public pages. */
export function PublicLayout() {
  const signedIn = useIsSignedIn();
  return (
    <Box mih="100vh" bg="gray.0">
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="lg" py="sm">
          <Group justify="space-between">
            <Brand />
            <Group gap="xs" component="nav" aria-label="Account">
              <Button component={Link} to="/pricing" variant="subtle" color="gray">
                Pricing
              </Button>
              {signedIn ? (
                <Button component={Link} to="/o">
                  Open your dashboard
                </Button>
              ) : (
                <>
                  <Button component={Link} to="/login" variant="subtle">
                    Log in
                  </Button>
                  <Button component={Link} to="/signup">
                    Sign up
                  </Button>
                </>
              )}
            </Group>
          </Group>
        </Container>
      </Box>
      <Box component="main">
        <Outlet />
      </Box>
    </Box>
  );
}
