import { useShellContext } from '../shell/shell-context';
import { billingPath } from './billing-paths';

/**
 * Where a 402's upgrade leads in this organization: its billing page for a
 * member who can change the plan (`billing:manage`), else null (they ask an owner).
 */
export function useUpgradePath(): string | null {
  const { me, membership } = useShellContext();
  // A single-tenant deployment has no plans to change.
  return me.multiTenant && membership.permissions.includes('billing:manage') ? billingPath(membership.slug) : null;
}
