import type { Role } from './roles';

export const PERMISSIONS = [
  'billing:manage',
  'billing:read',
  'members:invite',
  'members:remove',
  'members:update',
  'members:read',
  'sites:create',
  'sites:delete',
  'sites:read',
  'settings:manage',
  'posts:create',
  'posts:edit',
  'posts:publish',
  'posts:read',
  'media:upload',
  'quotas:read',
  'apikeys:manage',
  'webhooks:manage',
  'audit:read',
  // Owner-only actions API.md marks "owner"; named so the SPA can read them from /auth/me.
  'organization:delete',
  'organization:transfer',
  'organization:export',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = ['posts:read', 'sites:read', 'members:read', 'quotas:read'];
const PUBLISH: Permission[] = [...READ, 'posts:publish'];
const EDIT: Permission[] = [...PUBLISH, 'posts:create', 'posts:edit', 'media:upload'];
const ADMIN: Permission[] = [
  ...EDIT,
  'billing:read',
  'members:invite',
  'members:remove',
  'members:update',
  'sites:create',
  'sites:delete',
  'settings:manage',
  'apikeys:manage',
  'webhooks:manage',
  'audit:read',
];
const OWNER: Permission[] = [...ADMIN, 'billing:manage', 'organization:delete', 'organization:transfer', 'organization:export'];

/** API.md's permission matrix: each role's grants, as data. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  owner: new Set(OWNER),
  admin: new Set(ADMIN),
  editor: new Set(EDIT),
  publisher: new Set(PUBLISH),
  viewer: new Set(READ),
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

/** The role's permissions in matrix order, as `/auth/me` returns them. */
export function permissionsOf(role: Role): Permission[] {
  return PERMISSIONS.filter((permission) => ROLE_PERMISSIONS[role].has(permission));
}
