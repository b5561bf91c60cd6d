import { NavLink } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import type { Me, Membership } from '../../api/use-me';
import { organizationPath } from '../auth/sign-in-destination';
import { offered, permits, type NavigationItem } from './navigation';

interface Props {
  navigation: readonly NavigationItem[];
  me: Me;
  membership: Membership;
  onNavigate: () => void;
}

/** The organization's pages, each listed only for members allowed to open it. */
export function ShellNavbar({ navigation, me, membership, onNavigate }: Props) {
  const { pathname } = useLocation();
  const home = organizationPath(membership.slug);
  const visible = navigation.filter((item) => offered(item, me) && permits(membership.permissions, item.permission));
  return (
    <nav aria-label="Organization">
      {visible.map((item) => {
        const to = item.path ? `${home}/${item.path}` : home;
        const active = pathname === to || (item.path !== '' && pathname.startsWith(`${to}/`));
        return (
          <NavLink
            key={item.path}
            component={Link}
            to={to}
            label={item.label}
            active={active}
            aria-current={active ? 'page' : undefined}
            onClick={onNavigate}
          />
        );
      })}
    </nav>
  );
}
