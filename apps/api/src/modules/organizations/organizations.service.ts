import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { isUniqueViolation, NotFoundError, RequestOrigin, TenantContext, TenantTransactions, TenantTx } from '@plinth/tenancy';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { AuditLogger } from '../audit/audit-logger';
import { User } from '../users/entities/user.entity';
import type { OrganizationDto, OrganizationWithRoleDto } from './dto/organization.dto';
import type { CreateOrganizationDto, UpdateOrganizationDto } from './dto/organization-requests.dto';
import { OrganizationMember } from './entities/organization-member.entity';
import { Organization } from './entities/organization.entity';
import { OrganizationDeletion } from './organization-deletion';
import { ORGANIZATION_DELETED, OrganizationDeleted } from './organization-events';
import { OrganizationFactory } from './organization-factory';
import { SingleTenant } from './single-tenant';
import { leaveTombstone } from './organization-tombstone';
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
    private readonly config: AppConfig,
    private readonly deletion: OrganizationDeletion,
    private readonly singleTenant: SingleTenant,
  ) {}

  /** The caller becomes owner. Founded as the system (no tenant exists yet), then recorded as the new tenant. */
  create(userId: string, dto: CreateOrganizationDto, origin: RequestOrigin): Promise<OrganizationWithRoleDto> {
    this.singleTenant.refuseAnother();
    return this.transactions.runAfterSystem(
      async (manager) => {
        const user = await manager.findOneByOrFail(User, { id: userId });
        await this.factory.ensureMayOwnAnotherFree(manager, userId, this.config.FREE_ORGANIZATIONS_PER_USER);
        const organization = await this.factory.createWithOwner(manager, { userId, name: dto.name, slug: dto.slug });
        return { organizationId: organization.id, organization, actor: { type: 'user' as const, id: userId, email: user.email } };
      },
      async (tx, { organization }) => {
        await this.audit.record(tx, {
          action: 'organization.created',
          targetType: 'organization',
          targetId: organization.id,
          metadata: { name: organization.name, slug: organization.slug },
        });
        return { ...presentOrganization(organization), role: 'owner' as const };
      },
      origin,
    );
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
    return tenant.transaction(async (tx) => ({ ...presentOrganization(await load(tx)), role: tx.role }));
  }

  async update(tenant: TenantContext, dto: UpdateOrganizationDto): Promise<OrganizationDto> {
    try {
      return await tenant.transaction(async (tx) => {
        const before = await load(tx);
        const changes = changedFields(before, dto);
        if (Object.keys(changes).length === 0) return presentOrganization(before);
        await tx.manager.update(Organization, { id: tx.organizationId }, changes);
        await this.audit.record(tx, {
          action: 'organization.updated',
          targetType: 'organization',
          targetId: before.id,
          metadata: {
            changes: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, { from: before[k as keyof Organization], to: v }])),
          },
        });
        return presentOrganization(await load(tx));
      });
    } catch (error) {
      if (isUniqueViolation(error, 'organizations_slug_key')) throw new SlugTakenError(dto.slug ?? '');
      throw error;
    }
  }

  /**
   * Deletes the organization; every tenant table cascades from it, audit log
   * included. What must end first (its subscription) ends in the same unit
   * of work; stored files go after the commit.
   */
  delete(tenant: TenantContext): Promise<void> {
    this.singleTenant.refuseDeletion();
    return tenant.transaction(async (tx) => {
      await this.deletion.prepare(tx);
      await leaveTombstone(tx);
      const { affected } = await tx.manager.delete(Organization, { id: tx.organizationId });
      if (!affected) throw new NotFoundError('Organization');
      const event: OrganizationDeleted = { organizationId: tx.organizationId };
      tx.afterCommit(() => this.events.emitAsync(ORGANIZATION_DELETED, event));
    });
  }
}

/** The organization the unit of work is pinned to (RLS shows it no other). */
async function load(tx: TenantTx): Promise<Organization> {
  const organization = await tx.manager.findOneBy(Organization, { id: tx.organizationId });
  if (!organization) throw new NotFoundError('Organization');
  return organization;
}

function changedFields(before: Organization, dto: UpdateOrganizationDto): Partial<Organization> {
  const changes: Partial<Organization> = {};
  if (dto.name !== undefined && dto.name !== before.name) changes.name = dto.name;
  if (dto.slug !== undefined && dto.slug !== before.slug) changes.slug = dto.slug;
  if (dto.logoUrl !== undefined && dto.logoUrl !== before.logoUrl) changes.logoUrl = dto.logoUrl;
  return changes;
}
