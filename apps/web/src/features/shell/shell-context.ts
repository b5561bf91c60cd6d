import { useOutletContext } from 'react-router';
import type { Me, Membership } from '../../api/use-me';

/** What every page inside /o/:orgSlug knows: who is signed in, and their membership of this organization. */
export interface ShellContext {
  me: Me;
  membership: Membership;
}

export function useShellContext(): ShellContext {
  return useOutletContext<ShellContext>();
}
