import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { NotFoundError, RequestOrigin } from '@plinth/tenancy';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import type { SessionDto } from './dto/account-responses.dto';
import type { TokenPairDto } from './dto/auth-responses.dto';
import { InvalidRefreshTokenError } from './auth.errors';
import { sessionEndedSql } from './session-state';
import type { AccessTokenClaims } from './access-token';
import { RefreshToken } from './entities/refresh-token.entity';
import { digestToken, newSecretToken } from '../../common/token-crypto';

const REFRESH_TTL_MS = 30 * 24 * 3600 * 1000;
const USER_AGENT_MAX = 512;
/** The account page lists at most this many sessions, the most recently used first. */
const SESSIONS_LISTED = 100;

/** What a signed-in-only route needs to know of its caller's session. */
export type SessionState = 'live' | 'ended' | 'no_account';

/**
 * Access JWTs plus rotating refresh tokens. A refresh token works once;
 * presenting a spent one revokes its whole family (RFC 6819 §5.2.2.3).
 * A family is one signed-in device: a session.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly jwt: JwtService,
    private readonly dataSource: DataSource,
  ) {}

  /** Starts a new token family for the user, on the device `origin` describes. */
  start(manager: EntityManager, userId: string, organizationId: string | null, origin: RequestOrigin): Promise<TokenPairDto> {
    return this.issue(manager, { userId, selectedOrganizationId: organizationId, familyId: randomUUID() }, origin);
  }

  async rotate(refreshToken: string, origin: RequestOrigin): Promise<TokenPairDto> {
    // A reused token's family is revoked and committed before the caller is refused.
    const pair = await this.dataSource.transaction((manager) => this.rotateIn(manager, refreshToken, origin));
    if (!pair) throw new InvalidRefreshTokenError();
    return pair;
  }

  /** Whether the session (refresh-token family) still stands, and its account still exists: else its access tokens are refused. */
  async state(userId: string, familyId: string): Promise<SessionState> {
    const [row] = (await this.dataSource.query(
      `SELECT ${sessionEndedSql('$2')} AS ended, EXISTS (SELECT 1 FROM users u WHERE u.id = $1) AS account`,
      [userId, familyId],
    )) as Array<{ ended: boolean; account: boolean }>;
    if (!row.account) return 'no_account';
    return row.ended ? 'ended' : 'live';
  }

  /**
   * The user's live sessions, one per family, the most recently used first:
   * when it began, when it last signed in or refreshed, and from where.
   */
  async list(userId: string, currentFamilyId: string): Promise<SessionDto[]> {
    const rows = (await this.dataSource.query(
      `SELECT family_id AS id, min(created_at) AS created_at, max(created_at) AS last_used_at,
              (array_agg(user_agent ORDER BY created_at DESC))[1] AS user_agent,
              (array_agg(ip ORDER BY created_at DESC))[1] AS ip
         FROM refresh_tokens
        WHERE user_id = $1
        GROUP BY family_id
       HAVING bool_and(revoked_at IS NULL) AND bool_or(used_at IS NULL AND expires_at > now())
        ORDER BY last_used_at DESC, family_id
        LIMIT ${SESSIONS_LISTED}`,
      [userId],
    )) as Array<{ id: string; created_at: Date; last_used_at: Date; user_agent: string | null; ip: string | null }>;
    return rows.map((row) => ({
      id: row.id,
      createdAt: row.created_at.toISOString(),
      lastUsedAt: row.last_used_at.toISOString(),
      userAgent: row.user_agent,
      ip: row.ip,
      current: row.id === currentFamilyId,
    }));
  }

  /** Signs one of the user's sessions out; its access tokens stop at once. Another user's, or an ended one, is not found. */
  async revokeSession(userId: string, familyId: string): Promise<void> {
    const { affected } = await this.dataSource.manager.update(
      RefreshToken,
      { userId, familyId, revokedAt: IsNull() },
      { revokedAt: new Date() },
    );
    if (!affected) throw new NotFoundError('Session');
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

  /** Every session of the user but `keptFamilyId` (the caller's own) ends. */
  async revokeOthersOfUser(manager: EntityManager, userId: string, keptFamilyId: string): Promise<void> {
    await manager.update(RefreshToken, { userId, familyId: Not(keptFamilyId), revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  private async rotateIn(manager: EntityManager, refreshToken: string, origin: RequestOrigin): Promise<TokenPairDto | null> {
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
    return this.issue(manager, token, origin);
  }

  private async issue(
    manager: EntityManager,
    session: Pick<RefreshToken, 'userId' | 'selectedOrganizationId' | 'familyId'>,
    origin: RequestOrigin,
  ): Promise<TokenPairDto> {
    const refreshToken = newSecretToken();
    await manager.insert(RefreshToken, {
      userId: session.userId,
      selectedOrganizationId: session.selectedOrganizationId,
      familyId: session.familyId,
      tokenHash: digestToken(refreshToken),
      expiresAt: new Date(Date.now() + REFRESH_TTL_MS),
      userAgent: origin.userAgent?.slice(0, USER_AGENT_MAX) ?? null,
      ip: origin.ip,
    });
    const claims: AccessTokenClaims = { sub: session.userId, org: session.selectedOrganizationId, fam: session.familyId, typ: 'access' };
    return { accessToken: await this.jwt.signAsync(claims), refreshToken };
  }

  private async revokeFamily(manager: EntityManager, familyId: string): Promise<void> {
    await manager.update(RefreshToken, { familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
