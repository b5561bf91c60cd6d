import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { NotFoundError, TenantContext, TenantTransactions } from '@plinth/tenancy';
import { DataSource, EntityManager } from 'typeorm';
import type { RequestOrigin } from '../../common/request-origin.decorator';
import { isUniqueViolation } from '../../database/postgres-errors';
import { AuditLogger } from '../audit/audit-logger';
import type { OrganizationDto, OrganizationWithRoleDto } from '../auth/dto/auth-responses.dto';
import { User } from '../users/entities/user.entity';
import type { CreateOrganizationDto, UpdateOrganizationDto } from './dto/organization-requests.dto';
import { OrganizationMember } from './entities/organization-member.entity';
import { Organization } from './entities/organization.entity';
import { ORGANIZATION_DELETED, OrganizationDeleted } from './organization-events';
import { OrganizationFactory } from './organization-factory';
import { presentOrganization } from './organization.presenter';
import { SlugTakenError } from './organizations.errors';

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TenantTransactions,
    private readonly factory: OrganizationFactory,
    private readonly audit: AuditLogger,
    private readonly events: EventEmitter2,
  ) {}

  /** The caller becomes owner. Runs as the system: the organization does not exist yet to pin a tenant to. */
  async create(userId: string, dto: CreateOrganizationDto, origin: RequestOrigin) {
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.findOneByOrFail(User, { id: userId });
      const organization = await this.factory.createWithOwner(manager, { userId, name: dto.name, slug: dto.slug });
      await this.audit.recordIn(
        manager,
        organization.id,
        { actor: { type: 'user', id: userId, email: user.email }, ...origin },
        {
          action: 'organization.created',
          targetType: 'organization',
          targetId: organization.id,
          metadata: { name: organization.name, slug: organization.slug },
        },
      );
      return { ...presentOrganization(organization), role: 'owner' as const };
    });
  }

  /** All organizations of a user with their role, oldest membership first, in one query (crosses tenants by design). */
  async listForUser(userId: string): Promise<OrganizationWithRoleDto[]> {
    const rows = await this.dataSource.manager
      .createQueryBuilder(Organization, 'o')
      .innerJoin(OrganizationMember, 'm', 'm.organization_id = o.id')
      .addSelect('m.role', 'role')
      .where('m.user_id = :userId', { userId })
      .orderBy('m.joined_at', 'ASC')
      .getRawAndEntities();
    return rows.entities.map((org, i) => ({ ...presentOrganization(org), role: rows.raw[i].role }));
  }

  get(tenant: TenantContext): Promise<OrganizationWithRoleDto> {
    return this.transactions.run(tenant.organizationId, async (manager) => {
      const organization = await this.load(manager, tenant.organizationId);
      return { ...presentOrganization(organization), role: tenant.role };
    });
  }

  async update(tenant: TenantContext, dto: UpdateOrganizationDto): Promise<OrganizationDto> {
    try {
      return await this.transactions.run(tenant.organizationId, async (manager) => {
        const before = await this.load(manager, tenant.organizationId);
        const changes = changedFields(before, dto);
        if (Object.keys(changes).length === 0) return presentOrganization(before);
        await manager.update(Organization, { id: before.id }, changes);
        await this.audit.record(manager, tenant, {
          action: 'organization.updated',
          targetType: 'organization',
          targetId: before.id,
          metadata: {
            changes: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, { from: before[k as keyof Organization], to: v }])),
          },
        });
        return presentOrganization(await this.load(manager, before.id));
      });
    } catch (error) {
      if (isUniqueViolation(error, 'organizations_slug_key')) throw new SlugTakenError(dto.slug ?? '');
      throw error;
    }
  }

  /** Deletes the organization; every tenant table cascades from it, audit log included. */
  async delete(tenant: TenantContext): Promise<void> {
    await this.transactions.run(tenant.organizationId, async (manager) => {
      const { affected } = await manager.delete(Organization, { id: tenant.organizationId });
      if (!affected) throw new NotFoundError('Organization');
    });
    const event: OrganizationDeleted = { organizationId: tenant.organizationId };
    await this.events.emitAsync(ORGANIZATION_DELETED, event);
  }

  private async load(manager: EntityManager, id: string): Promise<Organization> {
    const organization = await manager.findOneBy(Organization, { id });
    if (!organization) throw new NotFoundError('Organization');
    return organization;
  }
}

function changedFields(before: Organization, dto: UpdateOrganizationDto): Partial<Organization> {
  const changes: Partial<Organization> = {};
  if (dto.name !== undefined && dto.name !== before.name) changes.name = dto.name;
  if (dto.slug !== undefined && dto.slug !== before.slug) changes.slug = dto.slug;
  if (dto.logoUrl !== undefined && dto.logoUrl !== before.logoUrl) changes.logoUrl = dto.logoUrl;
  return changes;
}
