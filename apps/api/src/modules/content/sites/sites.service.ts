import { Injectable } from '@nestjs/common';
import { PlanCatalog, PlanFeatureUnavailableError, QuotaUsage } from '@plinth/quota';
import { scoped, TenantContext, TenantTransactions } from '@plinth/tenancy';
import type { Page } from '../../../common/envelope.interceptor';
import { pageQuery, PageQueryDto, toPage } from '../../../common/pagination';
import { AppConfig } from '../../../config/app-config';
import { isUniqueViolation } from '../../../database/postgres-errors';
import { AuditLogger } from '../../audit/audit-logger';
import { UsageLimits } from '../../quotas/usage-limits';
import { Media } from '../media/entities/media.entity';
import { StoredFiles } from '../media/stored-files';
import type { CreateSiteDto, SiteDto, UpdateSiteDto } from './dto/sites.dto';
import { Site } from './entities/site.entity';
import { lockSite } from './site-lock';
import { DomainTakenError } from './sites.errors';

@Injectable()
export class SitesService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly usageLimits: UsageLimits,
    private readonly catalog: PlanCatalog,
    private readonly config: AppConfig,
    private readonly audit: AuditLogger,
    private readonly files: StoredFiles,
  ) {}

  create(tenant: TenantContext, dto: CreateSiteDto): Promise<SiteDto> {
    if (dto.domain) this.ensureCustomDomains(tenant);
    return refusingTakenDomain(() =>
      this.transactions.run(tenant.organizationId, async (manager) => {
        const site = await scoped(manager, Site, tenant.organizationId).save({ name: dto.name, domain: dto.domain ?? null });
        await this.audit.record(manager, tenant, {
          action: 'site.created',
          targetType: 'site',
          targetId: site.id,
          metadata: { name: site.name, domain: site.domain },
        });
        // Last before COMMIT: the counter row stays locked until the commit.
        await this.usageLimits.consume(manager, tenant, 'sites');
        return presentSite(site);
      }),
    );
  }

  /** Newest first. */
  list(organizationId: string, page: PageQueryDto): Promise<Page<SiteDto>> {
    return this.transactions.run(organizationId, async (manager) => {
      const qb = scoped(manager, Site, organizationId).createQueryBuilder('s');
      const rows = await pageQuery(qb, 's', page, 'createdAt', 'DESC').getMany();
      return toPage(rows, page, (s) => ({ at: s.createdAt, id: s.id }), presentSite);
    });
  }

  get(organizationId: string, siteId: string): Promise<SiteDto> {
    return this.transactions.run(organizationId, async (manager) =>
      presentSite(await scoped(manager, Site, organizationId).getOneBy({ id: siteId }, 'Site')),
    );
  }

  update(tenant: TenantContext, siteId: string, dto: UpdateSiteDto): Promise<SiteDto> {
    return refusingTakenDomain(() =>
      this.transactions.run(tenant.organizationId, async (manager) => {
        const sites = scoped(manager, Site, tenant.organizationId);
        const current = await sites.getOneBy({ id: siteId }, 'Site');
        // Only a new domain needs the feature: a site kept after a downgrade can still be renamed as sent whole.
        const newDomain = dto.domain !== undefined && dto.domain !== current.domain;
        if (newDomain && dto.domain) this.ensureCustomDomains(tenant);
        const changes = {
          ...(dto.name !== undefined && dto.name !== current.name && { name: dto.name }),
          ...(newDomain && { domain: dto.domain }),
        };
        if (Object.keys(changes).length > 0 && (await sites.update({ id: siteId }, changes)) > 0) {
          await this.audit.record(manager, tenant, { action: 'site.updated', targetType: 'site', targetId: siteId, metadata: { changes } });
        }
        return presentSite(await sites.getOneBy({ id: siteId }, 'Site'));
      }),
    );
  }

  /** The site, its posts and its media go; so do their counts against the plan. Files are deleted once that has committed. */
  async delete(tenant: TenantContext, siteId: string): Promise<void> {
    const organizationId = tenant.organizationId;
    const storageKeys = await this.transactions.run(organizationId, async (manager) => {
      const site = await lockSite(manager, organizationId, siteId, 'deleting');
      const media = await scoped(manager, Media, organizationId).find({ where: { siteId }, select: { storageKey: true, sizeBytes: true } });
      const bytes = media.reduce((sum, file) => sum + file.sizeBytes, 0);
      await this.usageLimits.release(manager, organizationId, 'sites');
      if (bytes > 0) await this.usageLimits.release(manager, organizationId, 'storage_bytes', bytes);
      // The per-site posts counter goes with its site rather than lingering at zero.
      await scoped(manager, QuotaUsage, organizationId).delete({ dimension: 'posts', scopeId: siteId });
      await scoped(manager, Site, organizationId).delete({ id: siteId });
      await this.audit.record(manager, tenant, {
        action: 'site.deleted',
        targetType: 'site',
        targetId: siteId,
        metadata: { name: site.name, domain: site.domain, mediaFiles: media.length, mediaBytes: bytes },
      });
      return media.map((file) => file.storageKey);
    });
    await this.files.discard(storageKeys);
  }

  private ensureCustomDomains(tenant: TenantContext): void {
    if (this.catalog.plan(tenant.planTier).features.customDomains) return;
    throw new PlanFeatureUnavailableError({
      feature: 'customDomains',
      requiredTier: this.catalog.cheapestWith('customDomains'),
      upgradeUrl: `${this.config.APP_URL}/pricing`,
    });
  }
}

async function refusingTakenDomain<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error, 'sites_org_domain_key')) throw new DomainTakenError();
    throw error;
  }
}

export function presentSite(site: Site): SiteDto {
  return {
    id: site.id,
    name: site.name,
    domain: site.domain,
    createdAt: site.createdAt.toISOString(),
    updatedAt: site.updatedAt.toISOString(),
  };
}
