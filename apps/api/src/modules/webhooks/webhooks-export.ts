import { Injectable, OnModuleInit } from '@nestjs/common';
import { ExportSources } from '../organizations/export/export-sources';

/** Webhook endpoints in the organization export: where events go, never a secret. */
@Injectable()
export class WebhooksExport implements OnModuleInit {
  constructor(private readonly sources: ExportSources) {}

  onModuleInit(): void {
    this.sources.register({
      type: 'webhook_endpoint',
      table: 'webhook_endpoints',
      columns: [
        'id',
        'url',
        'events',
        'description',
        'disabled_at IS NULL AS enabled',
        'disabled_reason AS "disabledReason"',
        'created_at AS "createdAt"',
        'updated_at AS "updatedAt"',
      ],
    });
  }
}
