import { Injectable } from '@nestjs/common';
import {
  ForbiddenError,
  NotAMemberError,
  Permission,
  Role,
  scoped,
  ScopedRepository,
  TenantContext,
  TenantTransactions,
} from '@plinth/tenancy';
import type { EntityManager } from 'typeorm';
import type { Page } from '../../common/envelope.interceptor';
import { pageQuery, PageQueryDto, toPage } from '../../common/pagination';
import { AuditLogger } from '../audit/audit-logger';
import { OrganizationMember } from '../organizations/entities/organization-member.entity';
import { lockOrganization } from '../organizations/organization-lock';
import { User } from '../users/entities/user.entity';
import type { MemberDto } from './dto/members.dto';
import { LastOwnerError, RoleRuleError } from './members.errors';

@Injectable()
export class MembersService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly audit: AuditLogger,
  ) {}

  list(organizationId: string, page: PageQueryDto): Promise<Page<MemberDto>> {
    return this.transactions.run(organizationId, async (manager) => {
      const qb = scoped(manager, OrganizationMember, organizationId)
        .createQueryBuilder('m')
        .innerJoinAndMapOne('m.user', User, 'u', 'u.id = m.userId');
      const rows = (await pageQuery(qb, 'm', page, 'joinedAt', 'ASC').getMany()) as Array<OrganizationMember & { user: User }>;
      return toPage(rows, page, (m) => ({ at: m.joinedAt, id: m.id }), presentMember);
    });
  }

  changeRole(tenant: TenantContext, userId: string, role: Role): Promise<MemberDto> {
    return this.inLockedOrganization(tenant, 'members:update', async (manager, members, caller) => {
      const target = await this.getMember(manager, members, userId);
      if ((role === 'owner' || target.role === 'owner') && caller.role !== 'owner') {
        throw new RoleRuleError('Only an owner can grant or take away the owner role', 'owner_by_owner');
      }
      if (target.role === 'owner' && role !== 'owner') await this.ensureAnotherOwner(members, userId);
      if (target.role !== role) {
        await members.update({ userId }, { role });
        await this.audit.record(manager, caller, {
          action: 'member.role_changed',
          targetType: 'user',
          targetId: userId,
          metadata: { from: target.role, to: role },
        });
      }
      return presentMember({ ...target, role });
    });
  }

  remove(tenant: TenantContext, userId: string): Promise<void> {
    return this.inLockedOrganization(tenant, 'members:remove', async (manager, members, caller) => {
      if (caller.actor.type === 'user' && caller.actor.id === userId) {
        throw new RoleRuleError('Use leave to remove yourself', 'not_self');
      }
      const target = await this.getMember(manager, members, userId);
      if (target.role === 'owner' && caller.role !== 'owner') {
        throw new RoleRuleError('Only an owner can remove an owner', 'owner_by_owner');
      }
      await members.delete({ userId });
      await this.audit.record(manager, caller, {
        action: 'member.removed',
        targetType: 'user',
        targetId: userId,
        metadata: { email: target.user.email, role: target.role },
      });
    });
  }

  leave(tenant: TenantContext): Promise<void> {
    return this.inLockedOrganization(tenant, null, async (manager, members, caller) => {
      const userId = this.callingUser(caller);
      if (caller.role === 'owner') await this.ensureAnotherOwner(members, userId);
      await members.delete({ userId });
      await this.audit.record(manager, caller, { action: 'member.left', targetType: 'user', targetId: userId });
    });
  }

  /** The new owner is promoted, the caller steps down to admin. */
  transferOwnership(tenant: TenantContext, userId: string): Promise<MemberDto> {
    return this.inLockedOrganization(tenant, 'organization:transfer', async (manager, members, caller) => {
      const callerId = this.callingUser(caller);
      if (callerId === userId) throw new RoleRuleError('You already own this organization', 'not_self');
      const target = await this.getMember(manager, members, userId);
      await members.update({ userId }, { role: 'owner' });
      await members.update({ userId: callerId }, { role: 'admin' });
      await this.audit.record(manager, caller, {
        action: 'ownership.transferred',
        targetType: 'user',
        targetId: userId,
        metadata: { from: callerId, previousRole: target.role },
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
    work: (manager: EntityManager, members: ScopedRepository<OrganizationMember>, caller: TenantContext) => Promise<T>,
  ): Promise<T> {
    return this.transactions.run(tenant.organizationId, async (manager) => {
      await lockOrganization(manager, tenant.organizationId);
      const members = scoped(manager, OrganizationMember, tenant.organizationId);
      const caller = await this.callerUnderLock(members, tenant);
      if (permission && !caller.can(permission)) throw new ForbiddenError(permission);
      return work(manager, members, caller);
    });
  }

  /** API keys keep their fixed role; a user's membership is read again. */
  private async callerUnderLock(members: ScopedRepository<OrganizationMember>, tenant: TenantContext): Promise<TenantContext> {
    if (tenant.actor.type !== 'user' || !tenant.actor.id) return tenant;
    const membership = await members.findOneBy({ userId: tenant.actor.id });
    if (!membership) throw new NotAMemberError();
    if (membership.role === tenant.role) return tenant;
    const { organizationId, organizationSlug, planTier, actor, ip, userAgent } = tenant;
    return new TenantContext(organizationId, organizationSlug, planTier, membership.role, actor, ip, userAgent);
  }

  private async getMember(
    manager: EntityManager,
    members: ScopedRepository<OrganizationMember>,
    userId: string,
  ): Promise<OrganizationMember & { user: User }> {
    const member = await members.getOneBy({ userId }, 'Member');
    const user = await manager.findOneByOrFail(User, { id: userId });
    return Object.assign(member, { user });
  }

  private async ensureAnotherOwner(members: ScopedRepository<OrganizationMember>, userId: string) {
    const owners = await members.find({ where: { role: 'owner' } });
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
