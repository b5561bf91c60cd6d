import { Injectable, OnModuleInit } from '@nestjs/common';
import { FeatureGate, QuotaService } from '@plinth/quota';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../../../config/app-config';
import { ContentMismatchError } from '../../content/media/media.errors';
import { MEDIA_TYPES } from '../../content/media/media-types';
import { BODY_MAX, TITLE_MAX } from '../../content/posts/dto/posts.dto';
import { POST_STATUSES } from '../../content/posts/entities/post.entity';
import { HOSTNAME_PATTERN } from '../../content/sites/dto/sites.dto';
import { MEDIA_CONTENT } from '../export/export-format';
import { MediaBytes } from '../export/media-bytes';
import { ImportRun, ImportTarget, ImportTargets, RecordReader } from './import-targets';
import { IncomingFile } from './incoming-file';
import { lineError } from './organization-import.errors';
import { base64, ImportRecord, nullable, oneOf, RecordShape, text, timestamp, uuid, wholeNumber } from './record-rules';
import { BatchTable, RowBatches } from './row-batches';

const SITES: BatchTable = {
  table: 'sites',
  columns: [
    ['id', 'uuid'],
    ['name', 'text'],
    ['domain', 'text'],
    ['created_at', 'timestamptz'],
    ['updated_at', 'timestamptz'],
  ],
};
const POSTS: BatchTable = {
  table: 'posts',
  columns: [
    ['id', 'uuid'],
    ['site_id', 'uuid'],
    ['title', 'text'],
    ['body', 'text'],
    ['status', 'text'],
    ['published_at', 'timestamptz'],
    ['created_at', 'timestamptz'],
    ['updated_at', 'timestamptz'],
  ],
};
const MEDIA: BatchTable = {
  table: 'media',
  columns: [
    ['id', 'uuid'],
    ['site_id', 'uuid'],
    ['filename', 'text'],
    ['content_type', 'text'],
    ['size_bytes', 'bigint'],
    ['storage_key', 'text'],
    ['created_at', 'timestamptz'],
  ],
};

function shapes(maxFileBytes: number): Record<string, RecordShape> {
  return {
    site: {
      fields: {
        id: uuid,
        name: text({ min: 1, max: 100 }),
        domain: nullable(text({ max: 253, pattern: HOSTNAME_PATTERN, description: 'a hostname such as blog.example.com' })),
        createdAt: timestamp,
        updatedAt: timestamp,
      },
    },
    post: {
      fields: {
        id: uuid,
        siteId: uuid,
        title: text({ min: 1, max: TITLE_MAX }),
        body: text({ max: BODY_MAX }),
        status: oneOf(POST_STATUSES),
        publishedAt: nullable(timestamp),
        createdAt: timestamp,
        updatedAt: timestamp,
      },
    },
    media: {
      fields: {
        id: uuid,
        siteId: uuid,
        filename: text({ min: 1, max: 255 }),
        contentType: oneOf(MEDIA_TYPES),
        sizeBytes: wholeNumber({ min: 1, max: maxFileBytes }),
        createdAt: timestamp,
      },
    },
    [MEDIA_CONTENT]: { fields: { mediaId: uuid, offset: wholeNumber({ min: 0 }), data: base64 } },
  };
}

/**
 * The CMS's records: sites, posts, and media with their bytes, recreated
 * under new ids with their dates, counted against the plan as they are
 * written (sites and posts a batch at a time, a file's bytes before they
 * are stored). It is the CMS's part of the import, kept beside the import
 * while the CMS module's own files have another writer; it would register
 * from there the same way.
 */
@Injectable()
export class ContentImport implements ImportTarget, OnModuleInit {
  readonly shapes: Record<string, RecordShape>;
  readonly recreates = ['site', 'post', 'media'];
  readonly skips = [];

  constructor(
    private readonly targets: ImportTargets,
    private readonly bytes: MediaBytes,
    private readonly features: FeatureGate,
    private readonly quotas: QuotaService,
    config: AppConfig,
  ) {
    this.shapes = shapes(config.MEDIA_MAX_BYTES);
  }

  onModuleInit(): void {
    this.targets.register(this);
  }

  open(run: ImportRun): RecordReader {
    return new ContentReader(run, this.bytes, this.features, this.quotas);
  }
}

interface FileUnderway {
  /** The media record's id in the export, which its media_content records name. */
  mediaId: string;
  line: number;
  contentType: string;
  sizeBytes: number;
  received: number;
  file: IncomingFile;
}

class ContentReader implements RecordReader {
  /** Exported site id → new id: a post or a file names its site by the old one. */
  private readonly sites = new Map<string, string>();
  private readonly domains = new Set<string>();
  private readonly rows: RowBatches;
  private underway: FileUnderway | null = null;
  private stored = false;

  constructor(
    private readonly run: ImportRun,
    private readonly bytes: MediaBytes,
    private readonly features: FeatureGate,
    private readonly quotas: QuotaService,
  ) {
    this.rows = new RowBatches(run.tx, [SITES, POSTS, MEDIA], (table, rows) => this.consume(table, rows));
  }

  async read(type: string, record: ImportRecord, line: number): Promise<void> {
    if (type === MEDIA_CONTENT) return this.content(record, line);
    this.ensureNoFileUnderway();
    if (type === 'site') return this.site(record, line);
    if (type === 'post') return this.post(record, line);
    return this.media(record, line);
  }

  async finish(): Promise<void> {
    this.ensureNoFileUnderway();
    await this.rows.flush();
  }

  async abandon(): Promise<void> {
    await this.underway?.file.abort();
    if (this.stored) await this.bytes.deletePrefix(this.run.tx.organizationId);
  }

  private async site(record: ImportRecord, line: number): Promise<void> {
    const { id, name, domain, createdAt, updatedAt } = record as Record<string, string>;
    if (this.sites.has(id)) throw lineError(line, 'id', 'a site on an earlier line has this id');
    if (domain !== null) {
      if (this.domains.has(domain)) throw lineError(line, 'domain', 'a site on an earlier line has this domain');
      this.features.require(this.run.tx, 'customDomains');
      this.domains.add(domain);
    }
    const siteId = randomUUID();
    this.sites.set(id, siteId);
    await this.rows.add(SITES.table, [siteId, name, domain, createdAt, updatedAt], name.length);
    this.run.imported('site');
  }

  private async post(record: ImportRecord, line: number): Promise<void> {
    const { title, body, status, publishedAt, createdAt, updatedAt } = record as Record<string, string>;
    const siteId = this.siteOf(record, line);
    if ((status === 'published') !== (publishedAt !== null)) {
      throw lineError(line, 'publishedAt', 'publishedAt must be set when, and only when, status is published');
    }
    await this.rows.add(
      POSTS.table,
      [randomUUID(), siteId, title, body, status, publishedAt, createdAt, updatedAt],
      title.length + body.length,
    );
    this.run.imported('post');
  }

  /** Its bytes are counted against storage before any is stored; they follow as media_content records. */
  private async media(record: ImportRecord, line: number): Promise<void> {
    const { filename, contentType, createdAt } = record as Record<string, string>;
    const siteId = this.siteOf(record, line);
    const sizeBytes = Number(record.sizeBytes);
    await this.quotas.consume(this.run.tx, 'storage_bytes', sizeBytes);
    const mediaId = randomUUID();
    const storageKey = `${this.run.tx.organizationId}/${siteId}/${mediaId}`;
    this.stored = true;
    const file = new IncomingFile(this.bytes, storageKey, contentType);
    this.underway = { mediaId: record.id as string, line, contentType, sizeBytes, received: 0, file };
    await this.rows.add(MEDIA.table, [mediaId, siteId, filename, contentType, sizeBytes, storageKey, createdAt], filename.length);
    this.run.imported('media');
  }

  private async content(record: ImportRecord, line: number): Promise<void> {
    const underway = this.underway;
    if (!underway || record.mediaId !== underway.mediaId) {
      throw lineError(line, 'mediaId', 'a media_content record must follow its media record, or the part of its bytes before it');
    }
    if (Number(record.offset) !== underway.received) throw lineError(line, 'offset', `offset must be ${underway.received}`);
    const part = Buffer.from(record.data as string, 'base64');
    if (underway.received + part.length > underway.sizeBytes) {
      throw lineError(line, 'data', `the bytes run past the media record's sizeBytes (${underway.sizeBytes})`);
    }
    await this.storing(underway, underway.file.write(part));
    underway.received += part.length;
    if (underway.received < underway.sizeBytes) return;
    this.underway = null;
    await this.storing(underway, underway.file.end());
  }

  /** A file whose bytes are not its type is a bad media record: its line is named. */
  private async storing(underway: FileUnderway, step: Promise<unknown>): Promise<void> {
    try {
      await step;
    } catch (error) {
      if (error instanceof ContentMismatchError)
        throw lineError(underway.line, 'contentType', `the file's bytes are not ${underway.contentType}`);
      throw error;
    }
  }

  private ensureNoFileUnderway(): void {
    const underway = this.underway;
    if (!underway) return;
    const { line, received, sizeBytes } = underway;
    throw lineError(line, 'sizeBytes', `the file's bytes (media_content records) end after ${received} of its ${sizeBytes} bytes`);
  }

  private siteOf(record: ImportRecord, line: number): string {
    const siteId = this.sites.get(record.siteId as string);
    if (!siteId) throw lineError(line, 'siteId', 'siteId must name a site on an earlier line');
    return siteId;
  }

  /** Sites count per organization, posts per site; counting suspended for the transaction, so counted here. */
  private async consume(table: string, rows: unknown[][]): Promise<void> {
    if (table === SITES.table) await this.quotas.consume(this.run.tx, 'sites', rows.length);
    if (table !== POSTS.table) return;
    const perSite = new Map<string, number>();
    for (const row of rows) perSite.set(row[1] as string, (perSite.get(row[1] as string) ?? 0) + 1);
    for (const [siteId, count] of perSite) await this.quotas.consume(this.run.tx, 'posts', count, siteId);
  }
}
