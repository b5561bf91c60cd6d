import { Injectable } from '@nestjs/common';
import { enterTenant, NotFoundError, scoped } from '@plinth/tenancy';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import type { RequestOrigin } from '../../common/request-origin.decorator';
import { digestToken } from '../../common/token-crypto';
import { isUniqueViolation } from '../../database/postgres-errors';
import { AuditLogger } from '../audit/audit-logger';
import { OrganizationMember } from '../organizations/entities/organization-member.entity';
import { Organization } from '../organizations/entities/organization.entity';
import { lockOrganization } from '../organizations/organization-lock';
import { UsageLimits } from '../quotas/usage-limits';
import { User } from '../users/entities/user.entity';
import type { AcceptedInviteDto, InvitePreviewDto } from './dto/invites.dto';
import { Invite, inviteStatus } from './entities/invite.entity';
import { AlreadyMemberError, InviteExpiredError, InviteForAnotherEmailError, InviteUsedError } from './invites.errors';

/**
 * The invited side. A token names its organization, so the lookup runs as
 * the system; the acceptance itself then runs pinned to that organization.
 */
@Injectable()
export class InviteAcceptanceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLogger,
    private readonly limits: UsageLimits,
  ) {}

  async preview(token: string): Promise<InvitePreviewDto> {
    const invite = await this.findByToken(this.dataSource.manager, token);
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
    try {
      return await this.dataSource.transaction(async (manager) => {
        const { organizationId } = await this.findByToken(manager, token);
        await enterTenant(manager, organizationId);
        await lockOrganization(manager, organizationId);
        // Read again under the lock: a concurrent accept, revoke or resend may have won.
        const invite = await this.findByToken(manager, token);
        const user = await manager.findOneByOrFail(User, { id: userId });
        this.ensureUsable(invite, user);
        // The plan may have shrunk since the invite; the invite itself is already counted.
        const { planTier } = await manager.findOneByOrFail(Organization, { id: organizationId });
        await this.limits.admitUser(manager, { organizationId, planTier }, 1);
        return this.join(manager, invite, user, origin);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'organization_members_org_user_key')) throw new AlreadyMemberError();
      throw error;
    }
  }

  private ensureUsable(invite: Invite, user: User): void {
    const status = inviteStatus(invite);
    if (status === 'accepted') throw new InviteUsedError();
    if (status === 'expired') throw new InviteExpiredError();
    if (invite.email !== user.email) throw new InviteForAnotherEmailError();
  }

  private async join(manager: EntityManager, invite: Invite, user: User, origin: RequestOrigin): Promise<AcceptedInviteDto> {
    const members = scoped(manager, OrganizationMember, invite.organizationId);
    if (await members.existsBy({ userId: user.id })) throw new AlreadyMemberError();
    const acceptedAt = new Date();
    await members.save({ userId: user.id, role: invite.role });
    await scoped(manager, Invite, invite.organizationId).update({ id: invite.id }, { acceptedAt, acceptedByUserId: user.id });
    // The token reached this mailbox, which proves the address.
    await manager.update(User, { id: user.id, emailVerifiedAt: IsNull() }, { emailVerifiedAt: acceptedAt });
    const actorOrigin = { actor: { type: 'user' as const, id: user.id, email: user.email }, ...origin };
    await this.audit.recordIn(manager, invite.organizationId, actorOrigin, {
      action: 'member.joined',
      targetType: 'user',
      targetId: user.id,
      metadata: { role: invite.role, inviteId: invite.id },
    });
    return { organizationId: invite.organizationId, role: invite.role, joinedAt: acceptedAt.toISOString() };
  }

  /** Unknown, replaced (resent) and revoked tokens all read as not found. */
  private async findByToken(manager: EntityManager, token: string): Promise<Invite> {
    const invite = await manager.findOneBy(Invite, { tokenHash: digestToken(token) });
    if (!invite || invite.revokedAt) throw new NotFoundError('Invite');
    return invite;
  }
}
