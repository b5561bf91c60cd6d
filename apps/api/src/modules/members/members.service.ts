import { Injectable } from '@nestjs/common';
import { can, ForbiddenError, NotAMemberError, Permission, Role, TenantContext, TenantTx } from '@plinth/tenancy';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { InvitesService } from '../invites/invites.service';
import type { Page } from '../../common/envelope.interceptor';
import { pageQuery, PageQueryDto, toPage } from '../../common/pagination';
import { AuditLogger } from '../audit/audit-logger';
import { OrganizationMember } from '../organizations/entities/organization-member.entity';
import { lockOrganization } from '../organizations/organization-lock';
import { User } from '../users/entities/user.entity';
import { WebhookOutbox } from '../webhooks/webhook-outbox';
import type { MemberDto } from './dto/members.dto';
import { LastOwnerError, RoleRuleError } from './members.errors';

@Injectable()
export class MembersService {
  constructor(
    private readonly audit: AuditLogger,
    private readonly apiKeys: ApiKeysService,
    private readonly invites: InvitesService,
    private readonly webhooks: WebhookOutbox,
  ) {}

  list(tenant: TenantContext, page: PageQueryDto): Promise<Page<MemberDto>> {
    return tenant.transaction(async (tx) => {
      const qb = tx.repo(OrganizationMember).createQueryBuilder('m').innerJoinAndMapOne('m.user', User, 'u', 'u.id = m.userId');
      const rows = (await pageQuery(qb, 'm', page, 'joinedAt', 'ASC').getMany()) as Array<OrganizationMember & { user: User }>;
      return toPage(rows, page, (m) => ({ at: m.joinedAt, id: m.id }), presentMember);
    });
  }

  changeRole(tenant: TenantContext, userId: string, role: Role): Promise<MemberDto> {
    return this.inLockedOrganization(tenant, 'members:update', async (tx, caller) => {
      if (role === 'owner') {
        throw new RoleRuleError('Ownership moves only by transfer (POST /organizations/:id/transfer-ownership)', 'owner_by_transfer');
      }
      const target = await this.getMember(tx, userId);
      if (target.role === 'owner' && caller.role !== 'owner') {
        throw new RoleRuleError('Only an owner can change the role of an owner', 'owner_by_owner');
      }
      if (target.role === 'owner') await this.ensureAnotherOwner(tx, userId);
      if (target.role !== role) {
        await tx.repo(OrganizationMember).update({ userId }, { role });
        // Keys are credentials their creator manages: below apikeys:manage, they go.
        const losesKeys = can(target.role, 'apikeys:manage') && !can(role, 'apikeys:manage');
        const revokedApiKeys = losesKeys ? await this.apiKeys.revokeCreatedBy(tx, userId) : 0;
        await this.audit.record(tx, {
          action: 'member.role_changed',
          targetType: 'user',
          targetId: userId,
          metadata: { from: target.role, to: role, revokedApiKeys },
        });
        await this.webhooks.enqueue(tx, 'member.role_changed', { ...presentMember({ ...target, role }), previousRole: target.role });
      }
      return presentMember({ ...target, role });
    });
  }

  /** Their API keys and the invites they sent go with them, unless `keepApiKeys` (invites go either way). */
  remove(tenant: TenantContext, userId: string, keepApiKeys = false): Promise<void> {
    return this.inLockedOrganization(tenant, 'members:remove', async (tx, caller) => {
      if (caller.actor.type === 'user' && caller.actor.id === userId) {
        throw new RoleRuleError('Use leave to remove yourself', 'not_self');
      }
      const target = await this.getMember(tx, userId);
      if (target.role === 'owner' && caller.role !== 'owner') {
        throw new RoleRuleError('Only an owner can remove an owner', 'owner_by_owner');
      }
      await tx.repo(OrganizationMember).delete({ userId });
      const revokedApiKeys = keepApiKeys ? 0 : await this.apiKeys.revokeCreatedBy(tx, userId);
      const revokedInvites = await this.invites.revokeSentBy(tx, userId);
      await this.audit.record(tx, {
        action: 'member.removed',
        targetType: 'user',
        targetId: userId,
        metadata: { email: target.user.email, role: target.role, keepApiKeys, revokedApiKeys, revokedInvites },
      });
      await this.webhooks.enqueue(tx, 'member.removed', { ...presentMember(target), reason: 'removed' });
    });
  }

  leave(tenant: TenantContext): Promise<void> {
    return this.inLockedOrganization(tenant, null, async (tx, caller) => {
      const userId = this.callingUser(caller);
      if (caller.role === 'owner') await this.ensureAnotherOwner(tx, userId);
      const leaving = await this.getMember(tx, userId);
      await tx.repo(OrganizationMember).delete({ userId });
      await this.audit.record(tx, { action: 'member.left', targetType: 'user', targetId: userId });
      await this.webhooks.enqueue(tx, 'member.removed', { ...presentMember(leaving), reason: 'left' });
    });
  }

  /** The new owner is promoted, the caller steps down to admin. */
  transferOwnership(tenant: TenantContext, userId: string): Promise<MemberDto> {
    return this.inLockedOrganization(tenant, 'organization:transfer', async (tx, caller) => {
      const callerId = this.callingUser(caller);
      if (callerId === userId) throw new RoleRuleError('You already own this organization', 'not_self');
      const target = await this.getMember(tx, userId);
      await tx.repo(OrganizationMember).update({ userId }, { role: 'owner' });
      await tx.repo(OrganizationMember).update({ userId: callerId }, { role: 'admin' });
      await this.audit.record(tx, {
        action: 'ownership.transferred',
        targetType: 'user',
        targetId: userId,
        metadata: { from: callerId, previousRole: target.role },
      });
      await this.webhooks.enqueue(tx, 'member.role_changed', { ...presentMember({ ...target, role: 'owner' }), previousRole: target.role });
      await this.webhooks.enqueue(tx, 'member.role_changed', {
        ...presentMember(await this.getMember(tx, callerId)),
        previousRole: caller.role,
      });
      return presentMember({ ...target, role: 'owner' });
    });
  }

  /**
   * Runs `work` under the organization lock with the caller as the database
   * has them now: the guard read the role before the lock, and a concurrent
   * removal or role change may have landed since (two admins removing each
   * other at once must not both succeed).
   */
  private inLockedOrganization<T>(
    tenant: TenantContext,
    permission: Permission | null,
    work: (tx: TenantTx, caller: TenantContext) => Promise<T>,
  ): Promise<T> {
    return tenant.transaction(async (tx) => {
      await lockOrganization(tx);
      const caller = await this.callerUnderLock(tx);
      if (permission && !caller.can(permission)) throw new ForbiddenError(permission);
      return work(tx, caller);
    });
  }

  /** API keys keep their fixed role; a user's membership is read again. */
  private async callerUnderLock(tx: TenantTx): Promise<TenantContext> {
    const { actor } = tx.context;
    if (actor.type !== 'user' || !actor.id) return tx.context;
    const membership = await tx.repo(OrganizationMember).findOneBy({ userId: actor.id });
    if (!membership) throw new NotAMemberError();
    return membership.role === tx.role ? tx.context : tx.context.withRole(membership.role);
  }

  private async getMember(tx: TenantTx, userId: string): Promise<OrganizationMember & { user: User }> {
    const member = await tx.repo(OrganizationMember).getOneBy({ userId }, 'Member');
    const user = await tx.manager.findOneByOrFail(User, { id: userId });
    return Object.assign(member, { user });
  }

  private async ensureAnotherOwner(tx: TenantTx, userId: string) {
    const owners = await tx.repo(OrganizationMember).find({ where: { role: 'owner' } });
    if (!owners.some((owner) => owner.userId !== userId)) throw new LastOwnerError();
  }

  private callingUser(tenant: TenantContext): string {
    if (tenant.actor.type !== 'user' || !tenant.actor.id) {
      throw new RoleRuleError('Only a signed-in member can do this, not an API key', 'users_only');
    }
    return tenant.actor.id;
  }
}

export function presentMember(member: OrganizationMember & { user: User }): MemberDto {
  return {
    id: member.id,
    userId: member.userId,
    email: member.user.email,
    name: member.user.name,
    role: member.role,
    joinedAt: member.joinedAt.toISOString(),
  };
}
