import { Button, type ButtonProps } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useLogout } from '../../api/auth-mutations';

export function LogoutButton(props: Pick<ButtonProps, 'fullWidth' | 'variant' | 'visibleFrom' | 'justify'>) {
  const navigate = useNavigate();
  const logout = useLogout();
  const logOut = async () => {
    // Signed out first (on the server too, or locally if it cannot be told), then off to the login page:
    // by the time it shows, nothing of the session is left in this browser. Awaited, not a callback,
    // because the session guard may already be unmounting the shell (and this button) as it ends.
    await logout.mutateAsync().catch(() => undefined);
    void navigate('/login', { replace: true });
  };
  return (
    <Button variant="subtle" color="gray" {...props} loading={logout.isPending} onClick={() => void logOut()}>
      Log out
    </Button>
  );
}
