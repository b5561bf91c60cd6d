import { Injectable } from '@nestjs/common';

/** One kind of record in an organization's export: a tenant table and the columns it may show. */
export interface ExportSource {
  /** The `type` on each NDJSON line. */
  type: string;
  table: string;
  /** Column expressions aliased to camelCase; never a secret (hashes, passwords). */
  columns: string[];
  /** The table's organization column (`id` for organizations itself). */
  organizationColumn?: string;
}

/**
 * The plug-in point of the data export: each feature module registers the
 * tables it owns at start-up, so the export covers a product module that
 * replaces the reference CMS without this module knowing about it.
 */
@Injectable()
export class ExportSources {
  private readonly sources: ExportSource[] = [];

  register(...sources: ExportSource[]): void {
    this.sources.push(...sources);
  }

  all(): readonly ExportSource[] {
    return this.sources;
  }
}
