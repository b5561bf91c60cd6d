import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull, MoreThan } from 'typeorm';
import { UserToken, UserTokenPurpose } from './entities/user-token.entity';
import { digestToken, newSecretToken } from '../../common/token-crypto';

const TTL_MS: Record<UserTokenPurpose, number> = {
  verify_email: 48 * 3600 * 1000,
  password_reset: 3600 * 1000,
  email_change: 24 * 3600 * 1000,
};

/** An email change a link confirms: whose account, and the address it moves to. */
export interface EmailChange {
  userId: string;
  newEmail: string;
}

/** Single-use tokens for emailed links; the raw token only ever travels in the mail. */
@Injectable()
export class LinkTokens {
  /** `newEmail`: for an email change, the address the link moves the account to. */
  async create(manager: EntityManager, userId: string, purpose: UserTokenPurpose, newEmail: string | null = null): Promise<string> {
    const token = newSecretToken();
    await manager.insert(UserToken, {
      userId,
      purpose,
      tokenHash: digestToken(token),
      newEmail,
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
    return (await this.spend(manager, purpose, token))?.user_id ?? null;
  }

  /** Marks an email-change token used and returns the change it confirms, or null when it is unknown, expired or spent. */
  async consumeEmailChange(manager: EntityManager, token: string): Promise<EmailChange | null> {
    const row = await this.spend(manager, 'email_change', token);
    return row?.new_email ? { userId: row.user_id, newEmail: row.new_email } : null;
  }

  private async spend(
    manager: EntityManager,
    purpose: UserTokenPurpose,
    token: string,
  ): Promise<{ user_id: string; new_email: string | null } | undefined> {
    const result = await manager
      .createQueryBuilder()
      .update(UserToken)
      .set({ usedAt: () => 'now()' })
      .where({ tokenHash: digestToken(token), purpose, usedAt: IsNull(), expiresAt: MoreThan(new Date()) })
      .returning(['userId', 'newEmail'])
      .execute();
    return result.raw[0];
  }
}
