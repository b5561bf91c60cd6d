import type { Me, Permission } from '../../api/use-me';

/** One page of the organization, as the navbar offers it. */
export interface NavigationItem {
  /** Relative to /o/:orgSlug; '' is the dashboard. */
  path: string;
  label: string;
  /** Shown only to members who hold it; null for every member. */
  permission: Permission | null;
  /** Billing's pages: a single-tenant deployment (MULTI_TENANT_ENABLED=false) has none. */
  billing?: true;
}

export function permits(permissions: readonly Permission[], permission: Permission | null): boolean {
  return permission === null || permissions.includes(permission);
}

/** Whether the deployment offers the page at all. */
export function offered(item: Pick<NavigationItem, 'billing'>, me: Pick<Me, 'multiTenant'>): boolean {
  return !item.billing || me.multiTenant;
}
