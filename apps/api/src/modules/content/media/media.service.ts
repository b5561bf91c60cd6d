import { Injectable } from '@nestjs/common';
import { QuotaService } from '@plinth/quota';
import { isForeignKeyViolation, NotFoundError, TenantContext } from '@plinth/tenancy';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
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
import { limitBytes } from './upload-stream';

/** What a multipart request may carry besides the file: its boundaries and part headers. */
const MULTIPART_OVERHEAD_BYTES = 16 * 1024;

@Injectable()
export class MediaService {
  constructor(
    private readonly quotas: QuotaService,
    private readonly audit: AuditLogger,
    private readonly storage: MediaStorage,
    private readonly files: StoredFiles,
  ) {}

  /**
   * Checks the site and the storage left before the first byte is stored
   * (and refuses a declared size that cannot fit), then stores the file
   * holding no database connection, cut off as soon as it passes what is
   * left; then adds the row in a transaction of its own, whose COMMIT counts
   * the bytes exactly (a concurrent upload may have taken the room meanwhile).
   * Any failure deletes the file.
   */
  async upload(tenant: TenantContext, siteId: string, upload: MediaUpload): Promise<MediaDto> {
    const room = await this.roomFor(tenant, siteId).catch((error) => {
      upload.content.destroy();
      throw error;
    });
    if (room.left !== null && upload.declaredBytes !== null && upload.declaredBytes > room.left + MULTIPART_OVERHEAD_BYTES) {
      upload.content.destroy();
      throw room.exceeded();
    }
    const content = room.left === null ? upload.content : limitBytes(upload.content, room.left, room.exceeded);
    const storageKey = `${tenant.organizationId}/${siteId}/${randomUUID()}`;
    const sizeBytes = await this.storage.put(storageKey, content);
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

  /** The site must exist; the bytes left under the storage limit in force (null: unlimited). */
  private roomFor(tenant: TenantContext, siteId: string) {
    return tenant.transaction(async (tx) => {
      await ensureSiteExists(tx, siteId);
      const { current, limit } = await this.quotas.usage(tx, 'storage_bytes');
      return {
        left: limit === null ? null : Math.max(limit - current, 0),
        exceeded: () => this.quotas.exceeded(tx, 'storage_bytes', current, limit),
      };
    });
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

  /**
   * The row read in a short transaction of its own, then the bytes streamed
   * holding no database connection (a video may take minutes to download).
   */
  async content(tenant: TenantContext, siteId: string, mediaId: string): Promise<{ media: Media; bytes: Readable }> {
    const media = await tenant.transaction((tx) => tx.repo(Media).getOneBy({ id: mediaId, siteId }, 'Media'));
    const bytes = this.storage.open(media.storageKey);
    // A stored file that cannot be read is an error answer, not a body cut short after a 200.
    await new Promise((resolve, reject) => bytes.once('readable', resolve).once('error', reject));
    return { media, bytes };
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
