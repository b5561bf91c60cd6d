import { Injectable } from '@nestjs/common';
import { isUniqueViolation, NotFoundError, PlanTier, RequestOrigin, TenantTransactions, TenantTx } from '@plinth/tenancy';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { digestToken } from '../../common/token-crypto';
import { AuditLogger } from '../audit/audit-logger';
import { OrganizationMember } from '../organizations/entities/organization-member.entity';
import { Organization } from '../organizations/entities/organization.entity';
import { lockOrganization } from '../organizations/organization-lock';
import { UsageLimits } from '../quotas/usage-limits';
import { User } from '../users/entities/user.entity';
import { WebhookOutbox } from '../webhooks/webhook-outbox';
import type { AcceptedInviteDto, InvitePreviewDto } from './dto/invites.dto';
import { Invite, inviteStatus } from './entities/invite.entity';
import { AlreadyMemberError, InviteExpiredError, InviteForAnotherEmailError, InviteUsedError } from './invites.errors';

// The token names its invite and organization: the acceptance's transaction is pinned to the one it finds.
const INVITE_RESOLUTION = `
  SELECT i.organization_id, o.slug, o.plan_tier, u.email, i.id AS invite_id
    FROM invites i JOIN organizations o ON o.id = i.organization_id, users u
   WHERE i.token_hash = $1 AND i.revoked_at IS NULL AND u.id = $2`;

/** The invited side: preview a link, accept it. */
@Injectable()
export class InviteAcceptanceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TenantTransactions,
    private readonly audit: AuditLogger,
    private readonly limits: UsageLimits,
    private readonly webhooks: WebhookOutbox,
  ) {}

  /** Public, before anyone is a member: runs as the system. */
  async preview(token: string): Promise<InvitePreviewDto> {
    const invite = await findByToken(this.dataSource.manager, token);
    const [organization, inviter] = await Promise.all([
      this.dataSource.manager.findOneByOrFail(Organization, { id: invite.organizationId }),
      invite.invitedByUserId ? this.dataSource.manager.findOneBy(User, { id: invite.invitedByUserId }) : null,
    ]);
    return {
      organizationName: organization.name,
      role: invite.role,
      invitedBy: inviter?.name ?? null,
      email: invite.email,
      expiresAt: invite.expiresAt.toISOString(),
      status: inviteStatus(invite) as InvitePreviewDto['status'],
    };
  }

  async accept(userId: string, token: string, origin: RequestOrigin): Promise<AcceptedInviteDto> {
    const resolved = await this.transactions.resolve<{
      organization_id: string;
      slug: string;
      plan_tier: PlanTier;
      email: string;
      invite_id: string;
    }>(
      { sql: INVITE_RESOLUTION, params: [digestToken(token), userId] },
      (row) => ({
        organizationId: row.organization_id,
        organizationSlug: row.slug,
        planTier: row.plan_tier,
        role: 'viewer',
        actor: { type: 'user', id: userId, email: row.email },
        origin,
      }),
      { begin: true },
    );
    if (!resolved?.tx) throw new NotFoundError('Invite');
    try {
      return await resolved.tx.run(async (tx) => {
        await lockOrganization(tx);
        // Read again under the lock: a concurrent accept, revoke or resend (a new token) may have won.
        const invite = await tx.repo(Invite).findOneBy({ id: resolved.row.invite_id, revokedAt: IsNull() });
        if (!invite || !(await this.stillHolds(invite.id, token))) throw new NotFoundError('Invite');
        const user = await tx.manager.findOneByOrFail(User, { id: userId });
        ensureUsable(invite, user);
        // The plan may have shrunk since the invite; the invite itself is already counted.
        await this.limits.admitUser(tx, 1);
        return this.join(tx, invite, user);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'organization_members_org_user_key')) throw new AlreadyMemberError();
      throw error;
    }
  }

  /**
   * Signup from an invite link, before the account exists (as the system):
   * the usable invite `token` names, sent to `email`.
   */
  async inviteForSignup(manager: EntityManager, token: string, email: string): Promise<Invite> {
    const invite = await findByToken(manager, token);
    ensureUsable(invite, { email });
    return invite;
  }

  /** The new account joins in the organization's unit of work, under its lock, the invite read again (a revoke or resend may have won). */
  async joinNewAccount(tx: TenantTx, inviteId: string, token: string, user: User): Promise<AcceptedInviteDto> {
    await lockOrganization(tx);
    const invite = await tx.repo(Invite).findOneBy({ id: inviteId, revokedAt: IsNull() });
    if (!invite || !(await this.stillHolds(invite.id, token))) throw new NotFoundError('Invite');
    ensureUsable(invite, user);
    await this.limits.admitUser(tx, 1);
    return this.join(tx, invite, user);
  }

  /** As the system (the request path's role reads no token hash): is `token` still this invite's? */
  private async stillHolds(inviteId: string, token: string): Promise<boolean> {
    return this.dataSource.manager.existsBy(Invite, { id: inviteId, tokenHash: digestToken(token) });
  }

  private async join(tx: TenantTx, invite: Invite, user: User): Promise<AcceptedInviteDto> {
    const members = tx.repo(OrganizationMember);
    if (await members.existsBy({ userId: user.id })) throw new AlreadyMemberError();
    const acceptedAt = new Date();
    await members.save({ userId: user.id, role: invite.role });
    await tx.repo(Invite).update({ id: invite.id }, { acceptedAt, acceptedByUserId: user.id });
    // The token reached this mailbox, which proves the address.
    await tx.manager.update(User, { id: user.id, emailVerifiedAt: IsNull() }, { emailVerifiedAt: acceptedAt });
    await this.audit.record(tx, {
      action: 'member.joined',
      targetType: 'user',
      targetId: user.id,
      metadata: { role: invite.role, inviteId: invite.id },
    });
    const joined = { userId: user.id, email: user.email, name: user.name, role: invite.role, joinedAt: acceptedAt.toISOString() };
    await this.webhooks.enqueue(tx, 'member.joined', joined);
    return { organizationId: invite.organizationId, role: invite.role, joinedAt: acceptedAt.toISOString() };
  }
}

function ensureUsable(invite: Invite, user: Pick<User, 'email'>): void {
  const status = inviteStatus(invite);
  if (status === 'accepted') throw new InviteUsedError();
  if (status === 'expired') throw new InviteExpiredError();
  if (invite.email !== user.email) throw new InviteForAnotherEmailError();
}

/** Unknown, replaced (resent) and revoked tokens all read as not found. */
async function findByToken(manager: EntityManager, token: string): Promise<Invite> {
  const invite = await manager.findOneBy(Invite, { tokenHash: digestToken(token) });
  if (!invite || invite.revokedAt) throw new NotFoundError('Invite');
  return invite;
}
