import { Button } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useLogout } from '../../api/auth-mutations';

export function LogoutButton() {
  const navigate = useNavigate();
  const logout = useLogout();
  const logOut = () => {
    // Leave the app shell first, so the session guard does not send us to /login?next=… as it ends.
    navigate('/login', { replace: true });
    logout.mutate();
  };
  return (
    <Button variant="subtle" color="gray" onClick={logOut}>
      Log out
    </Button>
  );
}
