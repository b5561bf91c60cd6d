import { Injectable } from '@nestjs/common';
import { PlanTier, Resolved, ResolveOptions, RequestOrigin, Role, TenantTransactions, UnauthenticatedError } from '@plinth/tenancy';
import { timingSafeEqual } from 'node:crypto';
import { digestToken } from '../../common/token-crypto';
import { ApiKeyUsage } from './api-key-usage';

/** A well-formed key as presented; it is checked in the first round trip of the request's transaction. */
export interface PresentedApiKey {
  kind: 'api_key';
  key: string;
  prefix: string;
}

interface KeyRow {
  organization_id: string;
  slug: string;
  plan_tier: PlanTier;
  key_id: string;
  key_hash: string;
  role: Role;
}

// By prefix (unique, indexed), with its organization: the key is what names the tenant.
const KEY_RESOLUTION = `
  SELECT k.organization_id, o.slug, o.plan_tier, k.id AS key_id, k.key_hash, k.role
    FROM api_keys k JOIN organizations o ON o.id = k.organization_id
   WHERE k.prefix = $1 AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())`;

/**
 * An API key acts in its own organization with its fixed role. Found by
 * prefix in the same round trip that begins the request's transaction, then
 * checked by a constant-time comparison of hashes.
 */
@Injectable()
export class ApiKeyAuthenticator {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly usage: ApiKeyUsage,
  ) {}

  async resolve(presented: PresentedApiKey, origin: RequestOrigin, options: ResolveOptions): Promise<Resolved<KeyRow>> {
    const resolved = await this.transactions.resolve<KeyRow>(
      { sql: KEY_RESOLUTION, params: [presented.prefix] },
      (row) => ({
        organizationId: row.organization_id,
        organizationSlug: row.slug,
        planTier: row.plan_tier,
        role: row.role,
        actor: { type: 'api_key', id: row.key_id },
        origin,
      }),
      options,
    );
    if (!resolved || !sameDigest(resolved.row.key_hash, digestToken(presented.key))) {
      await resolved?.tx?.rollback();
      throw new UnauthenticatedError('Invalid API key');
    }
    this.usage.touch(resolved.row.key_id);
    return resolved;
  }
}

function sameDigest(stored: string, presented: string): boolean {
  const a = Buffer.from(stored, 'hex');
  const b = Buffer.from(presented, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
