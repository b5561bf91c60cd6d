import { Injectable } from '@nestjs/common';
import { isUniqueViolation, UnauthenticatedError } from '@plinth/tenancy';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { Mailer } from '../mail/mailer';
import { User } from '../users/entities/user.entity';
import { presentUser } from '../users/user.presenter';
import type { AuthenticatedUser } from './access-token';
import { AccountCredentials } from './account-credentials';
import { EmailTakenError, InvalidLinkTokenError, SameEmailError } from './auth.errors';
import type { UserResultDto } from './dto/account-responses.dto';
import { LinkTokens } from './link-tokens';
import { PasswordHasher } from './password-hasher';
import { SessionsService } from './sessions.service';

/** The signed-in user's own settings: name, password, sign-in address. */
@Injectable()
export class AccountService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly credentials: AccountCredentials,
    private readonly hasher: PasswordHasher,
    private readonly linkTokens: LinkTokens,
    private readonly sessions: SessionsService,
    private readonly mailer: Mailer,
  ) {}

  async rename(userId: string, name: string): Promise<UserResultDto> {
    const { affected } = await this.dataSource.manager.update(User, { id: userId }, { name });
    if (!affected) throw new UnauthenticatedError('The account no longer exists');
    return { user: presentUser(await this.dataSource.manager.findOneByOrFail(User, { id: userId }), this.config) };
  }

  /**
   * Sets the new password and signs out every other session, their access
   * tokens at once; the caller's stays. Reset links and a pending email
   * change sent before are void: whoever held the old password may have asked for them.
   */
  async changePassword(caller: AuthenticatedUser, currentPassword: string, newPassword: string): Promise<void> {
    const passwordHash = await this.hasher.hash(newPassword);
    await this.dataSource.transaction(async (manager) => {
      await this.credentials.confirm(manager, caller.userId, currentPassword, 'currentPassword');
      await manager.update(User, { id: caller.userId }, { passwordHash });
      await this.linkTokens.spendAll(manager, caller.userId, 'password_reset');
      await this.linkTokens.spendAll(manager, caller.userId, 'email_change');
      await this.sessions.revokeOthersOfUser(manager, caller.userId, caller.familyId);
    });
  }

  /**
   * Mails a confirm link to the new address (the account moves once it is
   * opened) and a notice to the current one. Only the latest request's link works.
   */
  async requestEmailChange(userId: string, newEmail: string, password: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const user = await this.credentials.confirm(manager, userId, password);
      if (newEmail === user.email) throw new SameEmailError();
      if (await manager.existsBy(User, { email: newEmail })) throw new EmailTakenError('newEmail');
      await this.linkTokens.spendAll(manager, userId, 'email_change');
      const token = await this.linkTokens.create(manager, userId, 'email_change', newEmail);
      await this.mailer.send(manager, newEmail, 'emailChange', {
        name: user.name,
        url: `${this.config.APP_URL}/confirm-email?token=${token}`,
      });
      await this.mailer.send(manager, user.email, 'emailChangeNotice', { name: user.name, newEmail });
    });
  }

  /** The emailed link: the account takes the address, proven by the link; 409 if another account took it meanwhile. */
  async confirmEmailChange(token: string): Promise<UserResultDto> {
    try {
      const user = await this.dataSource.transaction((manager) => this.applyEmailChange(manager, token));
      return { user: presentUser(user, this.config) };
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key')) throw new EmailTakenError();
      throw error;
    }
  }

  private async applyEmailChange(manager: EntityManager, token: string): Promise<User> {
    const change = await this.linkTokens.consumeEmailChange(manager, token);
    if (!change) throw new InvalidLinkTokenError();
    const { userId, newEmail } = change;
    if (await manager.existsBy(User, { email: newEmail })) throw new EmailTakenError();
    await manager.update(User, { id: userId }, { email: newEmail, emailVerifiedAt: new Date() });
    // Links mailed to the old address no longer speak for the account.
    for (const purpose of ['email_change', 'verify_email', 'password_reset'] as const) {
      await this.linkTokens.spendAll(manager, userId, purpose);
    }
    return manager.findOneByOrFail(User, { id: userId });
  }
}
