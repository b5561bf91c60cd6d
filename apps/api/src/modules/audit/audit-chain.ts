import { Injectable } from '@nestjs/common';
import type { TenantContext } from '@plinth/tenancy';
import type { AuditChainVerificationDto } from './dto/audit-chain.dto';

/**
 * One pass over the organization's chain in the database: each entry's hash
 * recomputed from its content and the hash before it, its link to the entry
 * before it, no gap in the sequence, and the last entry still the chain's head
 * (so a deleted tail shows too).
 */
const VERIFY_SQL = `
  WITH chain AS (
    SELECT a.id, a.chain_seq, a.prev_hash, a.hash,
           sha256(a.prev_hash || plinth_audit_canonical(a)) AS recomputed,
           lag(a.hash) OVER w AS previous_hash,
           lag(a.chain_seq) OVER w AS previous_seq
      FROM audit_logs a
     WHERE a.organization_id = $1 AND a.chain_seq IS NOT NULL
    WINDOW w AS (ORDER BY a.chain_seq)
  ), broken AS (
    SELECT id FROM chain
     WHERE hash IS DISTINCT FROM recomputed
        OR prev_hash IS DISTINCT FROM COALESCE(previous_hash, '\\x')
        OR chain_seq <> COALESCE(previous_seq, 0) + 1
     ORDER BY chain_seq LIMIT 1
  )
  SELECT (SELECT count(*) FROM chain) AS checked,
         (SELECT id FROM broken) AS first_broken_id,
         COALESCE((SELECT last_seq FROM audit_chain_heads WHERE organization_id = $1), 0)
           = COALESCE((SELECT max(chain_seq) FROM chain), 0)
         AND (SELECT last_hash FROM audit_chain_heads WHERE organization_id = $1)
           IS NOT DISTINCT FROM (SELECT hash FROM chain ORDER BY chain_seq DESC LIMIT 1) AS head_matches`;

@Injectable()
export class AuditChain {
  verify(tenant: TenantContext): Promise<AuditChainVerificationDto> {
    return tenant.transaction(async (tx) => {
      const [row] = (await tx.manager.query(VERIFY_SQL, [tx.organizationId])) as Array<{
        checked: string;
        first_broken_id: string | null;
        head_matches: boolean;
      }>;
      return {
        valid: row.first_broken_id === null && row.head_matches,
        checked: Number(row.checked),
        firstBrokenId: row.first_broken_id,
      };
    });
  }
}
