import type { TenantTx } from '@plinth/tenancy';

/**
 * Serialises membership changes of one organization (role changes, removals,
 * invites, acceptances) so concurrent requests cannot leave zero owners or
 * duplicate members.
 */
export async function lockOrganization(tx: TenantTx): Promise<void> {
  // NO KEY UPDATE: serialises with itself, yet not with inserts that reference the organization.
  await tx.manager.query('SELECT 1 FROM organizations WHERE id = $1 FOR NO KEY UPDATE', [tx.organizationId]);
}
