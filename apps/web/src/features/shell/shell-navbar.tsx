import { useLocation } from 'react-router';
import type { Me, Membership } from '../../api/use-me';
import { PageNav } from '../../ui/page-nav';
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
  const links = navigation
    .filter((item) => offered(item, me) && permits(membership.permissions, item.permission))
    .map((item) => {
      const to = item.path ? `${home}/${item.path}` : home;
      return { to, label: item.label, active: pathname === to || (item.path !== '' && pathname.startsWith(`${to}/`)) };
    });
  return <PageNav label="Organization" links={links} onNavigate={onNavigate} />;
}
