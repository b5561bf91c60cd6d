import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import type { TokenPairDto } from './dto/auth-responses.dto';
import { InvalidRefreshTokenError } from './auth.errors';
import { sessionEndedSql } from './session-state';
import type { AccessTokenClaims } from './access-token';
import { RefreshToken } from './entities/refresh-token.entity';
import { digestToken, newSecretToken } from '../../common/token-crypto';

const REFRESH_TTL_MS = 30 * 24 * 3600 * 1000;

/**
 * Access JWTs plus rotating refresh tokens. A refresh token works once;
 * presenting a spent one revokes its whole family (RFC 6819 §5.2.2.3).
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly jwt: JwtService,
    private readonly dataSource: DataSource,
  ) {}

  /** Starts a new token family for the user. */
  start(manager: EntityManager, userId: string, organizationId: string | null): Promise<TokenPairDto> {
    return this.issue(manager, { userId, selectedOrganizationId: organizationId, familyId: randomUUID() });
  }

  async rotate(refreshToken: string): Promise<TokenPairDto> {
    // A reused token's family is revoked and committed before the caller is refused.
    const pair = await this.dataSource.transaction((manager) => this.rotateIn(manager, refreshToken));
    if (!pair) throw new InvalidRefreshTokenError();
    return pair;
  }

  /** True once the session (refresh-token family) has been ended: its access tokens are refused. */
  async hasEnded(familyId: string): Promise<boolean> {
    const [row] = (await this.dataSource.query(`SELECT ${sessionEndedSql('$1')} AS ended`, [familyId])) as Array<{ ended: boolean }>;
    return row.ended;
  }

  /** Logout: revokes the token's family. Unknown tokens are ignored, so logout is idempotent. */
  async revokeFamilyOf(refreshToken: string): Promise<void> {
    const token = await this.dataSource.manager.findOneBy(RefreshToken, { tokenHash: digestToken(refreshToken) });
    if (token) await this.revokeFamily(this.dataSource.manager, token.familyId);
  }

  /** Ends one session's family (by id, from the access token) — used when a switch starts a new one. */
  async revokeFamilyById(manager: EntityManager, userId: string, familyId: string): Promise<void> {
    await manager.update(RefreshToken, { userId, familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  async revokeAllOfUser(manager: EntityManager, userId: string): Promise<void> {
    await manager.update(RefreshToken, { userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  private async rotateIn(manager: EntityManager, refreshToken: string): Promise<TokenPairDto | null> {
    const token = await manager.findOne(RefreshToken, {
      where: { tokenHash: digestToken(refreshToken) },
      lock: { mode: 'pessimistic_write' },
    });
    if (!token || token.expiresAt <= new Date()) return null;
    if (token.usedAt || token.revokedAt) {
      await this.revokeFamily(manager, token.familyId);
      return null;
    }
    await manager.update(RefreshToken, { id: token.id }, { usedAt: new Date() });
    return this.issue(manager, token);
  }

  private async issue(
    manager: EntityManager,
    session: Pick<RefreshToken, 'userId' | 'selectedOrganizationId' | 'familyId'>,
  ): Promise<TokenPairDto> {
    const refreshToken = newSecretToken();
    await manager.insert(RefreshToken, {
      userId: session.userId,
      selectedOrganizationId: session.selectedOrganizationId,
      familyId: session.familyId,
      tokenHash: digestToken(refreshToken),
      expiresAt: new Date(Date.now() + REFRESH_TTL_MS),
    });
    const claims: AccessTokenClaims = { sub: session.userId, org: session.selectedOrganizationId, fam: session.familyId, typ: 'access' };
    return { accessToken: await this.jwt.signAsync(claims), refreshToken };
  }

  private async revokeFamily(manager: EntityManager, familyId: string): Promise<void> {
    await manager.update(RefreshToken, { familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
