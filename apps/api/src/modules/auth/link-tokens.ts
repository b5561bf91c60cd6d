import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull, MoreThan } from 'typeorm';
import { UserToken, UserTokenPurpose } from './entities/user-token.entity';
import { digestToken, newSecretToken } from '../../common/token-crypto';

const TTL_MS: Record<UserTokenPurpose, number> = {
  verify_email: 48 * 3600 * 1000,
  password_reset: 3600 * 1000,
};

/** Single-use tokens for emailed links; the raw token only ever travels in the mail. */
@Injectable()
export class LinkTokens {
  async create(manager: EntityManager, userId: string, purpose: UserTokenPurpose): Promise<string> {
    const token = newSecretToken();
    await manager.insert(UserToken, {
      userId,
      purpose,
      tokenHash: digestToken(token),
      expiresAt: new Date(Date.now() + TTL_MS[purpose]),
    });
    return token;
  }

  /** Ends every unused token of the user for `purpose` (the others sent while one was used). */
  async spendAll(manager: EntityManager, userId: string, purpose: UserTokenPurpose): Promise<void> {
    await manager.update(UserToken, { userId, purpose, usedAt: IsNull() }, { usedAt: new Date() });
  }

  /** Marks the token used and returns its user, or null when it is unknown, expired or spent. */
  async consume(manager: EntityManager, purpose: UserTokenPurpose, token: string): Promise<string | null> {
    const result = await manager
      .createQueryBuilder()
      .update(UserToken)
      .set({ usedAt: () => 'now()' })
      .where({ tokenHash: digestToken(token), purpose, usedAt: IsNull(), expiresAt: MoreThan(new Date()) })
      .returning(['userId'])
      .execute();
    return (result.raw[0]?.user_id as string | undefined) ?? null;
  }
}
