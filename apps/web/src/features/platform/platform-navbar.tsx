import { NavLink } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { platformPath } from './platform-paths';

/** One page of the platform console, as its navbar offers it. */
export interface PlatformNavigationItem {
  /** Relative to /platform; '' is the first page. */
  path: string;
  label: string;
  /** Billing's pages: a single-tenant deployment has no billing. */
  billing?: true;
}

interface Props {
  pages: readonly PlatformNavigationItem[];
  onNavigate: () => void;
}

export function PlatformNavbar({ pages, onNavigate }: Props) {
  const { pathname } = useLocation();
  return (
    <nav aria-label="Platform">
      {pages.map((page) => {
        const to = platformPath(page.path);
        const active = pathname === to || pathname === `${to}/`;
        return (
          <NavLink
            key={page.path}
            component={Link}
            to={to}
            label={page.label}
            active={active}
            aria-current={active ? 'page' : undefined}
            onClick={onNavigate}
          />
        );
      })}
    </nav>
  );
}
