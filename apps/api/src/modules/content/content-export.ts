import { Injectable, OnModuleInit } from '@nestjs/common';
import { ExportSources } from '../organizations/export/export-sources';

/** The CMS's tables in the organization export. */
@Injectable()
export class ContentExport implements OnModuleInit {
  constructor(private readonly sources: ExportSources) {}

  onModuleInit(): void {
    this.sources.register(
      { type: 'site', table: 'sites', columns: ['id', 'name', 'domain', 'created_at AS "createdAt"', 'updated_at AS "updatedAt"'] },
      {
        type: 'post',
        table: 'posts',
        columns: [
          'id',
          'site_id AS "siteId"',
          'title',
          'body',
          'status',
          'published_at AS "publishedAt"',
          'created_at AS "createdAt"',
          'updated_at AS "updatedAt"',
        ],
      },
      {
        type: 'media',
        table: 'media',
        columns: [
          'id',
          'site_id AS "siteId"',
          'filename',
          'content_type AS "contentType"',
          'size_bytes AS "sizeBytes"',
          'created_at AS "createdAt"',
        ],
      },
    );
  }
}
