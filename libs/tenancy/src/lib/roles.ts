/** Roles from most to least powerful. */
export const ROLES = ['owner', 'admin', 'editor', 'publisher', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** The roles an invite, an API key or a role change may give: ownership moves only by transfer. */
export const GRANTABLE_ROLES = ROLES.filter((role): role is Exclude<Role, 'owner'> => role !== 'owner');
export type GrantableRole = (typeof GRANTABLE_ROLES)[number];

export const PLAN_TIERS = ['free', 'starter', 'pro', 'enterprise'] as const;
export type PlanTier = (typeof PLAN_TIERS)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** True when `role` ranks at or above `other`. */
export function outranksOrEquals(role: Role, other: Role): boolean {
  return ROLES.indexOf(role) <= ROLES.indexOf(other);
}
