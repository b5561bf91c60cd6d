import { Injectable } from '@nestjs/common';
import { FeatureGate } from '@plinth/quota';
import { isUniqueViolation, TenantContext } from '@plinth/tenancy';
import type { Page } from '../../../common/envelope.interceptor';
import { pageQuery, PageQueryDto, toPage } from '../../../common/pagination';
import { AuditLogger } from '../../audit/audit-logger';
import { Media } from '../media/entities/media.entity';
import { StoredFiles } from '../media/stored-files';
import { WebhookOutbox } from '../../webhooks/webhook-outbox';
import type { CreateSiteDto, SiteDto, UpdateSiteDto } from './dto/sites.dto';
import { Site } from './entities/site.entity';
import { lockSiteForDelete } from './site-lock';
import { DomainTakenError } from './sites.errors';

/** Sites are counted against `sites` by the database when their transaction commits (see libs/quota quota-sql). */
@Injectable()
export class SitesService {
  constructor(
    private readonly features: FeatureGate,
    private readonly audit: AuditLogger,
    private readonly files: StoredFiles,
    private readonly webhooks: WebhookOutbox,
  ) {}

  create(tenant: TenantContext, dto: CreateSiteDto): Promise<SiteDto> {
    if (dto.domain) this.features.require(tenant, 'customDomains');
    return refusingTakenDomain(() =>
      tenant.transaction(async (tx) => {
        const site = await tx.repo(Site).save({ name: dto.name, domain: dto.domain ?? null });
        await this.audit.record(tx, {
          action: 'site.created',
          targetType: 'site',
          targetId: site.id,
          metadata: { name: site.name, domain: site.domain },
        });
        await this.webhooks.enqueue(tx, 'site.created', presentSite(site));
        return presentSite(site);
      }),
    );
  }

  /** Newest first. */
  list(tenant: TenantContext, page: PageQueryDto): Promise<Page<SiteDto>> {
    return tenant.transaction(async (tx) => {
      const rows = await pageQuery(tx.repo(Site).createQueryBuilder('s'), 's', page, 'createdAt', 'DESC').getMany();
      return toPage(rows, page, (s) => ({ at: s.createdAt, id: s.id }), presentSite);
    });
  }

  get(tenant: TenantContext, siteId: string): Promise<SiteDto> {
    return tenant.transaction(async (tx) => presentSite(await tx.repo(Site).getOneBy({ id: siteId }, 'Site')));
  }

  update(tenant: TenantContext, siteId: string, dto: UpdateSiteDto): Promise<SiteDto> {
    return refusingTakenDomain(() =>
      tenant.transaction(async (tx) => {
        const sites = tx.repo(Site);
        const current = await sites.getOneBy({ id: siteId }, 'Site');
        // Only a new domain needs the feature: a site kept after a downgrade can still be renamed as sent whole.
        const newDomain = dto.domain !== undefined && dto.domain !== current.domain;
        if (newDomain && dto.domain) this.features.require(tx, 'customDomains');
        const changes = {
          ...(dto.name !== undefined && dto.name !== current.name && { name: dto.name }),
          ...(newDomain && { domain: dto.domain }),
        };
        if (Object.keys(changes).length > 0 && (await sites.update({ id: siteId }, changes)) > 0) {
          await this.audit.record(tx, { action: 'site.updated', targetType: 'site', targetId: siteId, metadata: { changes } });
        }
        return presentSite(await sites.getOneBy({ id: siteId }, 'Site'));
      }),
    );
  }

  /**
   * The site, its posts and its media go; the database gives their counts
   * back. Files are deleted once that has committed.
   */
  delete(tenant: TenantContext, siteId: string): Promise<void> {
    return tenant.transaction(async (tx) => {
      const site = await lockSiteForDelete(tx, siteId);
      const media = await tx.repo(Media).find({ where: { siteId }, select: { storageKey: true, sizeBytes: true } });
      await tx.repo(Site).delete({ id: siteId });
      await this.audit.record(tx, {
        action: 'site.deleted',
        targetType: 'site',
        targetId: siteId,
        metadata: {
          name: site.name,
          domain: site.domain,
          mediaFiles: media.length,
          mediaBytes: media.reduce((sum, file) => sum + file.sizeBytes, 0),
        },
      });
      await this.webhooks.enqueue(tx, 'site.deleted', { id: siteId, name: site.name, domain: site.domain });
      tx.afterCommit(() => this.files.discard(media.map((file) => file.storageKey)));
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
