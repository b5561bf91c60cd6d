import type { Permission } from '../../api/use-me';

/** One page of the organization, as the navbar offers it. */
export interface NavigationItem {
  /** Relative to /o/:orgSlug; '' is the dashboard. */
  path: string;
  label: string;
  /** Shown only to members who hold it; null for every member. */
  permission: Permission | null;
}

export function permits(permissions: readonly Permission[], permission: Permission | null): boolean {
  return permission === null || permissions.includes(permission);
}
