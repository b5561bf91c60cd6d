import type { TenantTx } from '@plinth/tenancy';

/**
 * The tombstone, written in the deleting transaction just before the
 * organization goes: who, which organization, and what went with it, counted
 * by the database in the same statement (RLS pins the counts to this tenant).
 */
const TOMBSTONE_SQL = `
  INSERT INTO organization_tombstones (deleted_organization_id, name, slug, deleted_by_type, deleted_by_id, deleted_by_email, counts)
  SELECT o.id, o.name, o.slug, $2, $3, $4, jsonb_build_object(
           'members', (SELECT count(*) FROM organization_members WHERE organization_id = o.id),
           'sites', (SELECT count(*) FROM sites WHERE organization_id = o.id),
           'posts', (SELECT count(*) FROM posts WHERE organization_id = o.id),
           'media', (SELECT count(*) FROM media WHERE organization_id = o.id),
           'storageBytes', (SELECT COALESCE(sum(size_bytes), 0) FROM media WHERE organization_id = o.id),
           'apiKeys', (SELECT count(*) FROM api_keys WHERE organization_id = o.id),
           'auditEntries', (SELECT count(*) FROM audit_logs WHERE organization_id = o.id))
    FROM organizations o WHERE o.id = $1`;

export async function leaveTombstone(tx: TenantTx): Promise<void> {
  const { type, id, email } = tx.actor;
  await tx.manager.query(TOMBSTONE_SQL, [tx.organizationId, type, id, email ?? null]);
}
