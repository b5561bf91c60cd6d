import type { Permission } from '../../api/use-me';
import { useShellContext } from './shell-context';

/** Whether the signed-in member may do this here, as /auth/me reports their permissions. */
export function useCan(permission: Permission): boolean {
  return useShellContext().membership.permissions.includes(permission);
}
