import { GRANTABLE_ROLES, ROLES } from '@plinth/api-client';
import type { Role } from './use-me';

export { GRANTABLE_ROLES, ROLES };
export type GrantableRole = (typeof GRANTABLE_ROLES)[number];

/** The roles as people read them. `Record<Role, …>` fails the build when the API adds or drops a role. */
const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  editor: 'Editor',
  publisher: 'Publisher',
  viewer: 'Viewer',
};

export function roleLabel(role: Role): string {
  return ROLE_LABELS[role];
}

export function roleOptions(roles: readonly Role[]): Array<{ value: Role; label: string }> {
  return roles.map((role) => ({ value: role, label: roleLabel(role) }));
}
