import { NavLink } from '@mantine/core';
import { Link } from 'react-router';

export interface PageLink {
  to: string;
  label: string;
  active: boolean;
}

/** A navbar of pages, the current one marked for the eye and for screen readers. */
export function PageNav({ label, links, onNavigate }: { label: string; links: PageLink[]; onNavigate: () => void }) {
  return (
    <nav aria-label={label}>
      {links.map((link) => (
        <NavLink
          key={link.to}
          component={Link}
          to={link.to}
          label={link.label}
          active={link.active}
          aria-current={link.active ? 'page' : undefined}
          onClick={onNavigate}
        />
      ))}
    </nav>
  );
}
