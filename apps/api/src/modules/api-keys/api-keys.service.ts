import { Injectable } from '@nestjs/common';
import { NotFoundError, TenantContext, TenantTx } from '@plinth/tenancy';
import { IsNull } from 'typeorm';
import type { Page } from '../../common/envelope.interceptor';
import { pageQuery, PageQueryDto, toPage } from '../../common/pagination';
import { digestToken } from '../../common/token-crypto';
import { AuditLogger } from '../audit/audit-logger';
import { generateApiKey } from './api-key-format';
import type { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto } from './dto/api-keys.dto';
import { ApiKey } from './entities/api-key.entity';

@Injectable()
export class ApiKeysService {
  constructor(private readonly audit: AuditLogger) {}

  create(tenant: TenantContext, dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    return tenant.transaction(async (tx) => {
      const { prefix, key } = generateApiKey();
      const apiKey = await tx.repo(ApiKey).save({
        name: dto.name,
        role: dto.role,
        prefix,
        keyHash: digestToken(key),
        createdByUserId: tx.actor.type === 'user' ? tx.actor.id : null,
        expiresAt: dto.expiresAt ?? null,
      });
      await this.audit.record(tx, {
        action: 'api_key.created',
        targetType: 'api_key',
        targetId: apiKey.id,
        metadata: { name: apiKey.name, role: apiKey.role, prefix },
      });
      return { ...presentApiKey(apiKey), key };
    });
  }

  /** Active keys, newest first. */
  list(tenant: TenantContext, page: PageQueryDto): Promise<Page<ApiKeyDto>> {
    return tenant.transaction(async (tx) => {
      const qb = tx.repo(ApiKey).createQueryBuilder('k').andWhere('k.revokedAt IS NULL');
      const rows = await pageQuery(qb, 'k', page, 'createdAt', 'DESC').getMany();
      return toPage(rows, page, (k) => ({ at: k.createdAt, id: k.id }), presentApiKey);
    });
  }

  /** Revokes the live keys `userId` created (they left, or lost apikeys:manage); returns how many. */
  revokeCreatedBy(tx: TenantTx, userId: string): Promise<number> {
    return tx.repo(ApiKey).update({ createdByUserId: userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  revoke(tenant: TenantContext, keyId: string): Promise<void> {
    return tenant.transaction(async (tx) => {
      const revoked = await tx.repo(ApiKey).update({ id: keyId, revokedAt: IsNull() }, { revokedAt: new Date() });
      if (revoked === 0) throw new NotFoundError('API key');
      await this.audit.record(tx, { action: 'api_key.revoked', targetType: 'api_key', targetId: keyId });
    });
  }
}

export function presentApiKey(key: ApiKey): ApiKeyDto {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    role: key.role,
    createdAt: key.createdAt.toISOString(),
    expiresAt: key.expiresAt?.toISOString() ?? null,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
  };
}
