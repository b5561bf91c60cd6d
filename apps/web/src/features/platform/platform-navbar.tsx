import { useLocation } from 'react-router';
import { PageNav } from '../../ui/page-nav';
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
  const links = pages.map((page) => {
    const to = platformPath(page.path);
    return { to, label: page.label, active: pathname === to || pathname === `${to}/` };
  });
  return <PageNav label="Platform" links={links} onNavigate={onNavigate} />;
}
