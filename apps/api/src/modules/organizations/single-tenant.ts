import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { OrganizationMember } from './entities/organization-member.entity';
import { Organization } from './entities/organization.entity';
import { OrganizationFactory } from './organization-factory';
import { SignupByInviteError, SingleOrganizationError } from './organizations.errors';

const FIRST_NAME = 'My organization';
/** Processes starting together create one organization: they queue on this lock. */
const BOOTSTRAP_LOCK = 727274011;

/**
 * MULTI_TENANT_ENABLED=false (API.md "Deployment modes"): the oldest
 * organization is the deployment's one, created at first start. It is on the
 * Enterprise tier, so turning multi-tenancy on later leaves it unlimited; in
 * this mode the catalog lifts every limit whatever the tier.
 */
@Injectable()
export class SingleTenant implements OnApplicationBootstrap {
  /** Read once at start: the oldest organization stays the oldest (it cannot be deleted in this mode). */
  private onlyId: string | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly factory: OrganizationFactory,
  ) {}

  get enabled(): boolean {
    return !this.config.MULTI_TENANT_ENABLED;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled) return;
    this.onlyId = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK]);
      const existing = await this.organization(manager);
      if (existing) return existing.id;
      const organization = await this.factory.create(manager, FIRST_NAME);
      await manager.update(Organization, { id: organization.id }, { planTier: 'enterprise' });
      return organization.id;
    });
  }

  /** Whether requests may act for this organization: in this mode only for the one. */
  serves(organizationId: string): boolean {
    return !this.enabled || organizationId === this.onlyId;
  }

  refuseDeletion(): void {
    if (this.enabled) throw new SingleOrganizationError('The deployment’s one organization cannot be deleted (MULTI_TENANT_ENABLED=false)');
  }

  /** The id of the deployment's organization (null in multi-tenant mode). */
  get organizationId(): string | null {
    return this.onlyId;
  }

  private organization(manager: EntityManager): Promise<Organization | null> {
    return manager.findOne(Organization, { where: {}, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** Creating, importing or switching to an organization other than the one. */
  refuseAnother(organizationId?: string): void {
    if (!this.enabled) return;
    if (!organizationId || organizationId !== this.onlyId) throw new SingleOrganizationError();
  }

  /** The first signup becomes the owner (naming the organization, when it gave a name); later ones need an invite. */
  async claim(manager: EntityManager, userId: string, name: string | undefined): Promise<Organization> {
    if (!this.onlyId) throw new Error('The single-tenant organization is created at start');
    // Two first signups at once: the second waits here, then finds an owner.
    const organization = await manager.findOneOrFail(Organization, { where: { id: this.onlyId }, lock: { mode: 'pessimistic_write' } });
    if (await manager.existsBy(OrganizationMember, { organizationId: organization.id })) throw new SignupByInviteError(organization.name);
    await this.factory.addOwner(manager, organization.id, userId);
    if (!name) return organization;
    await manager.update(Organization, { id: organization.id }, { name });
    return { ...organization, name };
  }
}
