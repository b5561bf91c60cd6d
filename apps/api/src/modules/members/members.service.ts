import { Injectable } from '@nestjs/common';
import { Role, scoped, ScopedRepository, TenantContext, TenantTransactions } from '@plinth/tenancy';
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
    return this.inLockedOrganization(tenant, async (manager, members) => {
      const target = await this.getMember(manager, members, userId);
      if ((role === 'owner' || target.role === 'owner') && tenant.role !== 'owner') {
        throw new RoleRuleError('Only an owner can grant or take away the owner role', 'owner_by_owner');
      }
      if (target.role === 'owner' && role !== 'owner') await this.ensureAnotherOwner(members, userId);
      if (target.role !== role) {
        await members.update({ userId }, { role });
        await this.audit.record(manager, tenant, {
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
    return this.inLockedOrganization(tenant, async (manager, members) => {
      if (tenant.actor.type === 'user' && tenant.actor.id === userId) {
        throw new RoleRuleError('Use leave to remove yourself', 'not_self');
      }
      const target = await this.getMember(manager, members, userId);
      if (target.role === 'owner' && tenant.role !== 'owner') {
        throw new RoleRuleError('Only an owner can remove an owner', 'owner_by_owner');
      }
      await members.delete({ userId });
      await this.audit.record(manager, tenant, {
        action: 'member.removed',
        targetType: 'user',
        targetId: userId,
        metadata: { email: target.user.email, role: target.role },
      });
    });
  }

  leave(tenant: TenantContext): Promise<void> {
    return this.inLockedOrganization(tenant, async (manager, members) => {
      const userId = this.callingUser(tenant);
      if (tenant.role === 'owner') await this.ensureAnotherOwner(members, userId);
      await members.delete({ userId });
      await this.audit.record(manager, tenant, { action: 'member.left', targetType: 'user', targetId: userId });
    });
  }

  /** The new owner is promoted, the caller steps down to admin. */
  transferOwnership(tenant: TenantContext, userId: string): Promise<MemberDto> {
    return this.inLockedOrganization(tenant, async (manager, members) => {
      const callerId = this.callingUser(tenant);
      if (callerId === userId) throw new RoleRuleError('You already own this organization', 'not_self');
      const target = await this.getMember(manager, members, userId);
      await members.update({ userId }, { role: 'owner' });
      await members.update({ userId: callerId }, { role: 'admin' });
      await this.audit.record(manager, tenant, {
        action: 'ownership.transferred',
        targetType: 'user',
        targetId: userId,
        metadata: { from: callerId, previousRole: target.role },
      });
      return presentMember({ ...target, role: 'owner' });
    });
  }

  private inLockedOrganization<T>(
    tenant: TenantContext,
    work: (manager: EntityManager, members: ScopedRepository<OrganizationMember>) => Promise<T>,
  ): Promise<T> {
    return this.transactions.run(tenant.organizationId, async (manager) => {
      await lockOrganization(manager, tenant.organizationId);
      return work(manager, scoped(manager, OrganizationMember, tenant.organizationId));
    });
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
