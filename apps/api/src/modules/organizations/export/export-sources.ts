import { Injectable } from '@nestjs/common';
import type { TenantTx } from '@plinth/tenancy';

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

export type ExportRow = Record<string, unknown> & { id: string };

/** Records that follow one row of a source in the export (a media file's bytes after its row). */
export type ExportFollower = (tx: TenantTx, row: ExportRow) => AsyncIterable<Record<string, unknown>>;

/**
 * The plug-in point of the data export: each feature module registers the
 * tables it owns at start-up, so the export covers a product module that
 * replaces the reference CMS without this module knowing about it.
 */
@Injectable()
export class ExportSources {
  private readonly sources: ExportSource[] = [];
  private readonly followers = new Map<string, ExportFollower[]>();

  register(...sources: ExportSource[]): void {
    this.sources.push(...sources);
  }

  /** After each row of `type`, the records `follower` yields (each with its own `type`). */
  follow(type: string, follower: ExportFollower): void {
    this.followers.set(type, [...this.followersOf(type), follower]);
  }

  /** In registration order, but the organization's record first: an import founds the organization from it before reading on. */
  all(): readonly ExportSource[] {
    return [...this.sources].sort((a, b) => Number(b.type === 'organization') - Number(a.type === 'organization'));
  }

  followersOf(type: string): readonly ExportFollower[] {
    return this.followers.get(type) ?? [];
  }
}
