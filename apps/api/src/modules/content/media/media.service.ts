import { Injectable } from '@nestjs/common';
import { isForeignKeyViolation, NotFoundError, TenantContext } from '@plinth/tenancy';
import { randomUUID } from 'node:crypto';
import type { Page } from '../../../common/envelope.interceptor';
import { pageQuery, PageQueryDto, toPage } from '../../../common/pagination';
import { AuditLogger } from '../../audit/audit-logger';
import { ensureSiteExists } from '../sites/site-lock';
import type { MediaDto } from './dto/media.dto';
import { Media } from './entities/media.entity';
import { InvalidUploadError } from './media.errors';
import { MediaStorage } from './media-storage';
import { StoredFiles } from './stored-files';
import type { MediaUpload } from './uploaded-media';

@Injectable()
export class MediaService {
  constructor(
    private readonly audit: AuditLogger,
    private readonly storage: MediaStorage,
    private readonly files: StoredFiles,
  ) {}

  /**
   * Stores the file first, since its real size is known only once it has all
   * arrived, holding no database connection meanwhile; then adds the row in
   * a transaction of its own, whose COMMIT counts the bytes. Any failure (too
   * large, 402, unknown site) deletes the file.
   */
  async upload(tenant: TenantContext, siteId: string, upload: MediaUpload): Promise<MediaDto> {
    const storageKey = `${tenant.organizationId}/${siteId}/${randomUUID()}`;
    const sizeBytes = await this.storage.put(storageKey, upload.content);
    try {
      if (sizeBytes === 0) throw new InvalidUploadError('the file is empty');
      return await tenant.transaction(async (tx) => {
        const { filename, contentType } = upload;
        try {
          return presentMedia(await tx.repo(Media).save({ siteId, filename, contentType, sizeBytes, storageKey }));
        } catch (error) {
          if (isForeignKeyViolation(error, 'media_site_fkey')) throw new NotFoundError('Site');
          throw error;
        }
      });
    } catch (error) {
      await this.files.discard([storageKey]);
      throw error;
    }
  }

  /** Newest first. */
  list(tenant: TenantContext, siteId: string, page: PageQueryDto): Promise<Page<MediaDto>> {
    return tenant.transaction(async (tx) => {
      await ensureSiteExists(tx, siteId);
      const qb = tx.repo(Media).createQueryBuilder('m').andWhere('m.siteId = :siteId', { siteId });
      const rows = await pageQuery(qb, 'm', page, 'createdAt', 'DESC').getMany();
      return toPage(rows, page, (m) => ({ at: m.createdAt, id: m.id }), presentMedia);
    });
  }

  /** Frees its bytes (the database gives them back with the row); the file is deleted once that has committed. */
  delete(tenant: TenantContext, siteId: string, mediaId: string): Promise<void> {
    return tenant.transaction(async (tx) => {
      const rows = tx.repo(Media);
      const found = await rows.getOneBy({ id: mediaId, siteId }, 'Media');
      if ((await rows.delete({ id: mediaId, siteId })) === 0) throw new NotFoundError('Media');
      await this.audit.record(tx, {
        action: 'media.deleted',
        targetType: 'media',
        targetId: mediaId,
        metadata: { siteId, filename: found.filename, sizeBytes: found.sizeBytes },
      });
      tx.afterCommit(() => this.files.discard([found.storageKey]));
    });
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
