import { can, permissionsOf, PERMISSIONS, Permission } from './permissions';
import { outranksOrEquals, Role, ROLES } from './roles';

// API.md "Roles and permissions", row by row: the roles that hold each permission.
const MATRIX: Array<[Permission, Role[]]> = [
  ['billing:manage', ['owner']],
  ['billing:read', ['owner', 'admin']],
  ['members:invite', ['owner', 'admin']],
  ['members:remove', ['owner', 'admin']],
  ['members:update', ['owner', 'admin']],
  ['sites:create', ['owner', 'admin']],
  ['sites:delete', ['owner', 'admin']],
  ['settings:manage', ['owner', 'admin']],
  ['posts:create', ['owner', 'admin', 'editor']],
  ['posts:edit', ['owner', 'admin', 'editor']],
  ['media:upload', ['owner', 'admin', 'editor']],
  ['posts:publish', ['owner', 'admin', 'editor', 'publisher']],
  ['posts:read', [...ROLES]],
  ['sites:read', [...ROLES]],
  ['members:read', [...ROLES]],
  ['quotas:read', [...ROLES]],
  ['apikeys:manage', ['owner', 'admin']],
  ['webhooks:manage', ['owner', 'admin']],
  ['audit:read', ['owner', 'admin']],
  ['organization:delete', ['owner']],
  ['organization:transfer', ['owner']],
  ['organization:export', ['owner']],
];

describe('permission matrix', () => {
  it('covers every permission exactly once', () => {
    expect(MATRIX.map(([p]) => p).sort()).toEqual([...PERMISSIONS].sort());
  });

  describe.each(MATRIX)('%s', (permission, holders) => {
    it.each(ROLES.map((role) => [role, holders.includes(role)] as const))('%s → %s', (role, expected) => {
      expect(can(role, permission)).toBe(expected);
    });
  });

  it('lists a role’s permissions in matrix order', () => {
    expect(permissionsOf('viewer')).toEqual(['members:read', 'sites:read', 'posts:read', 'quotas:read']);
    expect(permissionsOf('owner')).toHaveLength(PERMISSIONS.length);
  });

  it('orders roles from owner down to viewer', () => {
    expect(outranksOrEquals('owner', 'admin')).toBe(true);
    expect(outranksOrEquals('admin', 'owner')).toBe(false);
    expect(outranksOrEquals('viewer', 'viewer')).toBe(true);
  });
});
