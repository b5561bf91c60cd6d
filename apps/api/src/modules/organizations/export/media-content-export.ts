import { Injectable, OnModuleInit } from '@nestjs/common';
import type { TenantTx } from '@plinth/tenancy';
import { MEDIA_CHUNK_BYTES, MEDIA_CONTENT } from './export-format';
import { ExportRow, ExportSources } from './export-sources';
import { MediaBytes } from './media-bytes';

/**
 * A media file's bytes follow its record in the export, base64 in
 * media_content records of at most MEDIA_CHUNK_BYTES each, so a move to
 * another deployment loses nothing and no line grows with the file.
 */
@Injectable()
export class MediaContentExport implements OnModuleInit {
  constructor(
    private readonly sources: ExportSources,
    private readonly bytes: MediaBytes,
  ) {}

  onModuleInit(): void {
    this.sources.follow('media', (tx, row) => this.contentOf(tx, row));
  }

  private async *contentOf(tx: TenantTx, media: ExportRow): AsyncGenerator<Record<string, unknown>> {
    // The storage key stays out of the media record: it means nothing in another deployment.
    const [row] = (await tx.manager.query('SELECT storage_key FROM media WHERE organization_id = $1 AND id = $2', [
      tx.organizationId,
      media.id,
    ])) as Array<{ storage_key: string }>;
    if (!row) return;
    let offset = 0;
    for await (const chunk of this.bytes.open(row.storage_key)) {
      for (let at = 0; at < (chunk as Buffer).length; at += MEDIA_CHUNK_BYTES) {
        const piece = (chunk as Buffer).subarray(at, at + MEDIA_CHUNK_BYTES);
        yield { type: MEDIA_CONTENT, mediaId: media.id, offset, data: piece.toString('base64') };
        offset += piece.length;
      }
    }
  }
}
