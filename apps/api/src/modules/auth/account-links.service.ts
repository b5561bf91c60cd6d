import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { JobQueue } from '../jobs/job-queue';
import { Mailer } from '../mail/mailer';
import { User } from '../users/entities/user.entity';
import { RateLimitedError } from '@plinth/tenancy';
import { InvalidLinkTokenError } from './auth.errors';
import { UserToken } from './entities/user-token.entity';
import { LinkTokens } from './link-tokens';
import { PasswordHasher } from './password-hasher';
import { SessionsService } from './sessions.service';

const RESET_QUEUE = 'auth.password-reset';
const RESEND_INTERVAL_SECONDS = 60;

/** What the emailed links do: confirm an address, reset a password. */
@Injectable()
export class AccountLinksService implements OnApplicationBootstrap {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly linkTokens: LinkTokens,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly mailer: Mailer,
    private readonly jobs: JobQueue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.defineQueue({ name: RESET_QUEUE, retryLimit: 5, retryDelaySeconds: 10, retentionHours: 24 });
    if (this.config.JOBS_ENABLED) await this.jobs.work<{ email: string }>(RESET_QUEUE, (job) => this.sendPasswordReset(job.email));
  }

  async verifyEmail(token: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const userId = await this.linkTokens.consume(manager, 'verify_email', token);
      if (!userId) throw new InvalidLinkTokenError();
      await manager.update(User, { id: userId, emailVerifiedAt: IsNull() }, { emailVerifiedAt: new Date() });
    });
  }

  /**
   * A new confirm link for a signed-in user whose address is not confirmed
   * yet (earlier links die); at most one a minute. Nothing happens once the
   * address is confirmed.
   */
  async resendVerification(userId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const user = await manager.findOne(User, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!user || user.emailVerifiedAt) return;
      const last = await manager.findOne(UserToken, { where: { userId, purpose: 'verify_email' }, order: { createdAt: 'DESC' } });
      const waitSeconds = last ? Math.ceil(RESEND_INTERVAL_SECONDS - (Date.now() - last.createdAt.getTime()) / 1000) : 0;
      if (waitSeconds > 0) throw new RateLimitedError(waitSeconds);
      await this.linkTokens.spendAll(manager, userId, 'verify_email');
      const token = await this.linkTokens.create(manager, userId, 'verify_email');
      await this.mailer.send(manager, user.email, 'verifyEmail', {
        name: user.name,
        url: `${this.config.APP_URL}/verify-email?token=${token}`,
      });
    });
  }

  /**
   * Queues the request and returns: the same work, and so the same time,
   * whether or not the address has an account. The job does the rest.
   */
  async requestPasswordReset(email: string): Promise<void> {
    await this.jobs.boss.send(RESET_QUEUE, { email });
  }

  /** A reset link to the account of `email`, if there is one. */
  async sendPasswordReset(email: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const user = await manager.findOneBy(User, { email });
      if (!user) return;
      const token = await this.linkTokens.create(manager, user.id, 'password_reset');
      await this.mailer.send(manager, user.email, 'passwordReset', {
        name: user.name,
        url: `${this.config.APP_URL}/reset-password?token=${token}`,
      });
    });
  }

  /** Sets the new password, proves the address, ends every other reset link and a pending email change, and signs every session out. */
  async confirmPasswordReset(token: string, password: string): Promise<void> {
    const passwordHash = await this.hasher.hash(password);
    await this.dataSource.transaction(async (manager) => {
      const userId = await this.linkTokens.consume(manager, 'password_reset', token);
      if (!userId) throw new InvalidLinkTokenError();
      await this.linkTokens.spendAll(manager, userId, 'password_reset');
      // Whoever had the account may have asked to move it to their own address: that request ends too.
      await this.linkTokens.spendAll(manager, userId, 'email_change');
      await manager.update(User, { id: userId }, { passwordHash });
      await manager.update(User, { id: userId, emailVerifiedAt: IsNull() }, { emailVerifiedAt: new Date() });
      await this.sessions.revokeAllOfUser(manager, userId);
    });
  }
}
