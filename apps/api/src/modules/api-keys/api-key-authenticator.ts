import { Injectable } from '@nestjs/common';
import { PlanTier, Role, UnauthenticatedError } from '@plinth/tenancy';
import { timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { digestToken } from '../../common/token-crypto';
import { prefixOf } from './api-key-format';
import { ApiKeyUsage } from './api-key-usage';

/** An authenticated API key: it is its organization's member with a fixed role. */
export interface ApiKeyPrincipal {
  kind: 'api_key';
  keyId: string;
  organizationId: string;
  organizationSlug: string;
  planTier: PlanTier;
  role: Role;
}

interface KeyRow {
  id: string;
  key_hash: string;
  role: Role;
  organization_id: string;
  slug: string;
  plan_tier: PlanTier;
}

/**
 * Checks a presented key with one indexed query (by prefix, with its
 * organization joined) and a constant-time hash comparison.
 */
@Injectable()
export class ApiKeyAuthenticator {
  constructor(
    private readonly dataSource: DataSource,
    private readonly usage: ApiKeyUsage,
  ) {}

  async authenticate(key: string): Promise<ApiKeyPrincipal> {
    const prefix = prefixOf(key);
    // System context: the key is what tells us the organization.
    const [row] = prefix
      ? ((await this.dataSource.query(
          `SELECT k.id, k.key_hash, k.role, k.organization_id, o.slug, o.plan_tier
             FROM api_keys k JOIN organizations o ON o.id = k.organization_id
            WHERE k.prefix = $1 AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())`,
          [prefix],
        )) as KeyRow[])
      : [];
    if (!row || !sameDigest(row.key_hash, digestToken(key))) throw new UnauthenticatedError('Invalid API key');
    this.usage.touch(row.id);
    return {
      kind: 'api_key',
      keyId: row.id,
      organizationId: row.organization_id,
      organizationSlug: row.slug,
      planTier: row.plan_tier,
      role: row.role,
    };
  }
}

function sameDigest(stored: string, presented: string): boolean {
  const a = Buffer.from(stored, 'hex');
  const b = Buffer.from(presented, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
