import { Injectable } from '@nestjs/common';
import { NotFoundError, scoped, TenantContext, TenantTransactions } from '@plinth/tenancy';
import { randomUUID } from 'node:crypto';
import type { Page } from '../../../common/envelope.interceptor';
import { pageQuery, PageQueryDto, toPage } from '../../../common/pagination';
import { AuditLogger } from '../../audit/audit-logger';
import { UsageLimits } from '../../quotas/usage-limits';
import { ensureSiteExists, lockSite } from '../sites/site-lock';
import type { MediaDto } from './dto/media.dto';
import { Media } from './entities/media.entity';
import { InvalidUploadError } from './media.errors';
import { MediaStorage } from './media-storage';
import { StoredFiles } from './stored-files';
import type { MediaUpload } from './uploaded-media';

@Injectable()
export class MediaService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly usageLimits: UsageLimits,
    private readonly audit: AuditLogger,
    private readonly storage: MediaStorage,
    private readonly files: StoredFiles,
  ) {}

  /**
   * Stores the file first, since its real size is known only once it has
   * all arrived; then counts those bytes and adds the row in one
   * transaction. Any failure (too large, 402, unknown site) deletes the file.
   */
  async upload(tenant: TenantContext, siteId: string, upload: MediaUpload): Promise<MediaDto> {
    const organizationId = tenant.organizationId;
    const storageKey = `${organizationId}/${siteId}/${randomUUID()}`;
    const sizeBytes = await this.storage.put(storageKey, upload.content);
    try {
      if (sizeBytes === 0) throw new InvalidUploadError('the file is empty');
      return await this.transactions.run(organizationId, async (manager) => {
        await lockSite(manager, organizationId, siteId, 'adding');
        const { filename, contentType } = upload;
        const media = await scoped(manager, Media, organizationId).save({ siteId, filename, contentType, sizeBytes, storageKey });
        // Last before COMMIT: the counter row stays locked until the commit.
        await this.usageLimits.consume(manager, tenant, 'storage_bytes', sizeBytes);
        return presentMedia(media);
      });
    } catch (error) {
      await this.files.discard([storageKey]);
      throw error;
    }
  }

  /** Newest first. */
  list(organizationId: string, siteId: string, page: PageQueryDto): Promise<Page<MediaDto>> {
    return this.transactions.run(organizationId, async (manager) => {
      await ensureSiteExists(manager, organizationId, siteId);
      const qb = scoped(manager, Media, organizationId).createQueryBuilder('m').andWhere('m.siteId = :siteId', { siteId });
      const rows = await pageQuery(qb, 'm', page, 'createdAt', 'DESC').getMany();
      return toPage(rows, page, (m) => ({ at: m.createdAt, id: m.id }), presentMedia);
    });
  }

  /** Frees its bytes; the file is deleted once that has committed. */
  async delete(tenant: TenantContext, siteId: string, mediaId: string): Promise<void> {
    const organizationId = tenant.organizationId;
    const media = await this.transactions.run(organizationId, async (manager) => {
      const rows = scoped(manager, Media, organizationId);
      const found = await rows.getOneBy({ id: mediaId, siteId }, 'Media');
      // Of two concurrent deletes only the one that removed the row gives its bytes back.
      if ((await rows.delete({ id: mediaId, siteId })) === 0) throw new NotFoundError('Media');
      await this.usageLimits.release(manager, organizationId, 'storage_bytes', found.sizeBytes);
      await this.audit.record(manager, tenant, {
        action: 'media.deleted',
        targetType: 'media',
        targetId: mediaId,
        metadata: { siteId, filename: found.filename, sizeBytes: found.sizeBytes },
      });
      return found;
    });
    await this.files.discard([media.storageKey]);
  }
}

export function presentMedia(media: Media): MediaDto {
  return {
    id: media.id,
    siteId: media.siteId,
    filename: media.filename,
    contentType: media.contentType,
    sizeBytes: media.sizeBytes,
    createdAt: media.createdAt.toISOString(),
  };
}
