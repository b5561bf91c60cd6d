import { Divider, NavLink } from '@mantine/core';
import { Link } from 'react-router';
import type { Me } from '../../api/use-me';
import { PLATFORM_PATH } from './platform-paths';

/** The way into the platform console, in the organization navbar; nobody but a platform admin sees it. */
export function PlatformConsoleLink({ me, onNavigate }: { me: Me; onNavigate: () => void }) {
  if (!me.user.isPlatformAdmin) return null;
  return (
    <nav aria-label="Platform">
      <Divider my="xs" />
      <NavLink component={Link} to={PLATFORM_PATH} label="Platform console" onClick={onNavigate} />
    </nav>
  );
}
