import { useEffect } from 'react';
import { session } from '../../api/client';
import { useSwitchOrganization } from '../../api/auth-mutations';

/**
 * Keeps the token's organization in step with the one in the URL, so a deep
 * link or a bookmark to another of the user's organizations acts for it.
 */
export function useActiveOrganization(organizationId: string): void {
  const { mutate: switchOrganization } = useSwitchOrganization();
  useEffect(() => {
    if (session.activeOrganizationId() !== organizationId) switchOrganization(organizationId);
  }, [organizationId, switchOrganization]);
}
