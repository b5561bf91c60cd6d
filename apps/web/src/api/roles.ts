import type { Role } from './use-me';

/**
 * The roles as people read them, most powerful first. The API's role enum
 * is a type only, so the list is spelled here; `Record<Role, …>` fails the
 * build when the API adds or drops a role.
 */
const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  editor: 'Editor',
  publisher: 'Publisher',
  viewer: 'Viewer',
};

export type GrantableRole = Exclude<Role, 'owner'>;

export const ROLES = Object.keys(ROLE_LABELS) as Role[];

/** What invites and API keys may carry: ownership moves only by transfer. */
export const GRANTABLE_ROLES = ROLES.filter((role): role is GrantableRole => role !== 'owner');

export function roleLabel(role: Role): string {
  return ROLE_LABELS[role];
}

export function roleOptions(roles: readonly Role[]): Array<{ value: Role; label: string }> {
  return roles.map((role) => ({ value: role, label: roleLabel(role) }));
}
