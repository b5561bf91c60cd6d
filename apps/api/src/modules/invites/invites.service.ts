import { Injectable } from '@nestjs/common';
import { isUniqueViolation, NotFoundError, TenantContext, TenantTx } from '@plinth/tenancy';
import { IsNull, LessThanOrEqual } from 'typeorm';
import type { Page } from '../../common/envelope.interceptor';
import { pageQuery, PageQueryDto, toPage } from '../../common/pagination';
import { digestToken, newSecretToken } from '../../common/token-crypto';
import { AppConfig } from '../../config/app-config';
import { AuditLogger } from '../audit/audit-logger';
import { Mailer } from '../mail/mailer';
import { OrganizationMember } from '../organizations/entities/organization-member.entity';
import { Organization } from '../organizations/entities/organization.entity';
import { lockOrganization } from '../organizations/organization-lock';
import { UsageLimits } from '../quotas/usage-limits';
import { User } from '../users/entities/user.entity';
import { WebhookOutbox } from '../webhooks/webhook-outbox';
import type { CreatedInviteDto, CreateInviteDto, InviteDto } from './dto/invites.dto';
import { Invite, inviteStatus } from './entities/invite.entity';
import { afterResend, hourlyRefusal, resendRefusal } from './invite-limits';
import { AlreadyMemberError, PendingInviteExistsError } from './invites.errors';

const INVITE_TTL_MS = 7 * 24 * 3600 * 1000;

/** The inviting side: create, list, resend and revoke an organization's invitations. */
@Injectable()
export class InvitesService {
  constructor(
    private readonly config: AppConfig,
    private readonly audit: AuditLogger,
    private readonly mailer: Mailer,
    private readonly limits: UsageLimits,
    private readonly webhooks: WebhookOutbox,
  ) {}

  async create(tenant: TenantContext, dto: CreateInviteDto): Promise<CreatedInviteDto> {
    try {
      return await tenant.transaction(async (tx) => {
        await lockOrganization(tx);
        await this.ensureUnderHourlyCap(tx);
        await this.ensureNotMember(tx, dto.email);
        await this.closeExpired(tx, dto.email);
        // Before the quota: a repeat invite is a 409 ("resend it"), even on a full plan.
        await this.ensureNoOpenInvite(tx, dto.email);
        await this.limits.admitUser(tx);
        const token = newSecretToken();
        const invite = await tx.repo(Invite).save({
          email: dto.email,
          role: dto.role,
          tokenHash: digestToken(token),
          invitedByUserId: tx.actor.type === 'user' ? tx.actor.id : null,
          expiresAt: new Date(Date.now() + INVITE_TTL_MS),
        });
        await this.sendMail(tx, invite, token);
        await this.audit.record(tx, {
          action: 'invite.created',
          targetType: 'invite',
          targetId: invite.id,
          metadata: { email: invite.email, role: invite.role },
        });
        await this.webhooks.enqueue(tx, 'member.invited', presentInvite(invite));
        return { ...presentInvite(invite), inviteToken: token };
      });
    } catch (error) {
      if (isUniqueViolation(error, 'invites_one_open_per_email')) throw new PendingInviteExistsError();
      throw error;
    }
  }

  /** Open invitations (pending or expired, not accepted or revoked), newest first. */
  list(tenant: TenantContext, page: PageQueryDto): Promise<Page<InviteDto>> {
    return tenant.transaction(async (tx) => {
      const qb = tx.repo(Invite).createQueryBuilder('i').andWhere('i.acceptedAt IS NULL AND i.revokedAt IS NULL');
      const rows = await pageQuery(qb, 'i', page, 'createdAt', 'DESC').getMany();
      return toPage(rows, page, (i) => ({ at: i.createdAt, id: i.id }), presentInvite);
    });
  }

  /** A new token and a new 7-day expiry; the old link stops working. */
  resend(tenant: TenantContext, inviteId: string): Promise<CreatedInviteDto> {
    return tenant.transaction(async (tx) => {
      // Under the lock, so a concurrent accept or revoke is seen and never raced.
      await lockOrganization(tx);
      const invites = tx.repo(Invite);
      const invite = await invites.getOneBy({ id: inviteId, acceptedAt: IsNull(), revokedAt: IsNull() }, 'Invite');
      const refusal = resendRefusal(invite);
      if (refusal) throw refusal;
      // An expired invite no longer counts against `users`; reviving it must fit again.
      if (inviteStatus(invite) === 'expired') await this.limits.admitUser(tx);
      const token = newSecretToken();
      Object.assign(invite, { tokenHash: digestToken(token), expiresAt: new Date(Date.now() + INVITE_TTL_MS) }, afterResend(invite));
      const { tokenHash, expiresAt, lastSentAt, resendDay, resendsThatDay } = invite;
      await invites.update({ id: invite.id }, { tokenHash, expiresAt, lastSentAt, resendDay, resendsThatDay });
      await this.sendMail(tx, invite, token);
      await this.audit.record(tx, {
        action: 'invite.resent',
        targetType: 'invite',
        targetId: invite.id,
        metadata: { email: invite.email },
      });
      return { ...presentInvite(invite), inviteToken: token };
    });
  }

  revoke(tenant: TenantContext, inviteId: string): Promise<void> {
    return tenant.transaction(async (tx) => {
      await lockOrganization(tx);
      const revoked = await tx.repo(Invite).update({ id: inviteId, acceptedAt: IsNull(), revokedAt: IsNull() }, { revokedAt: new Date() });
      if (revoked === 0) throw new NotFoundError('Invite');
      await this.audit.record(tx, { action: 'invite.revoked', targetType: 'invite', targetId: inviteId });
    });
  }

  /** Revokes the open invites `userId` sent (they left the organization); returns how many. */
  revokeSentBy(tx: TenantTx, userId: string): Promise<number> {
    return tx.repo(Invite).update({ invitedByUserId: userId, acceptedAt: IsNull(), revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** A leaked admin session (or a script gone wrong) cannot turn the organization into a mail cannon. */
  private async ensureUnderHourlyCap(tx: TenantTx): Promise<void> {
    const recent = (await tx
      .repo(Invite)
      .createQueryBuilder('i')
      .select('count(*)::int', 'count')
      .addSelect('min(i.createdAt)', 'oldest')
      .andWhere(`i.createdAt > now() - interval '1 hour'`)
      .getRawOne()) as { count: number; oldest: Date | null };
    const refusal = hourlyRefusal(recent, this.config.INVITES_PER_HOUR);
    if (refusal) throw refusal;
  }

  private async ensureNotMember(tx: TenantTx, email: string): Promise<void> {
    const member = await tx
      .repo(OrganizationMember)
      .createQueryBuilder('m')
      .innerJoin(User, 'u', 'u.id = m.userId')
      .andWhere('u.email = :email', { email })
      .getExists();
    if (member) throw new AlreadyMemberError();
  }

  private async ensureNoOpenInvite(tx: TenantTx, email: string): Promise<void> {
    if (await tx.repo(Invite).existsBy({ email, acceptedAt: IsNull(), revokedAt: IsNull() })) throw new PendingInviteExistsError();
  }

  /** An expired invitation no longer blocks a new one for the same address. */
  private async closeExpired(tx: TenantTx, email: string): Promise<void> {
    await tx
      .repo(Invite)
      .update({ email, acceptedAt: IsNull(), revokedAt: IsNull(), expiresAt: LessThanOrEqual(new Date()) }, { revokedAt: new Date() });
  }

  private async sendMail(tx: TenantTx, invite: Invite, token: string) {
    const organization = await tx.manager.findOneByOrFail(Organization, { id: tx.organizationId });
    const { actor } = tx.context;
    const inviter = actor.type === 'user' && actor.id ? await tx.manager.findOneBy(User, { id: actor.id }) : null;
    await this.mailer.send(tx.manager, invite.email, 'invite', {
      organizationName: organization.name,
      inviterName: inviter?.name ?? organization.name,
      role: invite.role,
      url: `${this.config.APP_URL}/invites/${token}`,
      expiresAt: invite.expiresAt.toUTCString(),
    });
  }
}

export function presentInvite(invite: Invite): InviteDto {
  return {
    id: invite.id,
    email: invite.email,
    role: invite.role,
    status: inviteStatus(invite) === 'expired' ? 'expired' : 'pending',
    expiresAt: invite.expiresAt.toISOString(),
    createdAt: invite.createdAt.toISOString(),
  };
}
