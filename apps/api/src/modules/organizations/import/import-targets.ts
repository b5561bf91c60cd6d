import { Injectable } from '@nestjs/common';
import type { GrantableRole, TenantTx } from '@plinth/tenancy';
import type { ImportRecord, RecordShape } from './record-rules';

export interface MemberToInvite {
  email: string;
  role: GrantableRole;
}

/** One import, as the readers of its records see it. */
export interface ImportRun {
  /** The new organization's unit of work (quota counting suspended: readers consume what they insert). */
  readonly tx: TenantTx;
  /** Records of `type` recreated in the new organization. */
  imported(type: string, count?: number): void;
  /** A record of `type` read and checked but not recreated. */
  notImported(type: string): void;
  /** Someone to invite to the new organization (read on `line`); the caller and repeats are left out. */
  toInvite(person: MemberToInvite, line: number): void;
}

/** Reads one import's records of its target's types, in the file's order. */
export interface RecordReader {
  /** A record already checked against its shape; `line` for the errors it raises. */
  read(type: string, record: ImportRecord, line: number): Promise<void>;
  /** After the last line, inside the transaction: writes what is pending. */
  finish(): Promise<void>;
  /** The import failed (rolled back): undo what lives outside the database, such as stored files. */
  abandon(): Promise<void>;
}

/** The record types one feature imports, or reads without recreating them. */
export interface ImportTarget {
  /** Each type it reads, with the shape a record of that type must have. */
  readonly shapes: Readonly<Record<string, RecordShape>>;
  /** The types it recreates: the import's `counts` lists them. */
  readonly recreates: readonly string[];
  /** The types it reads but never recreates: the import's `notImported` lists them. (Others are parts of a record.) */
  readonly skips: readonly string[];
  open(run: ImportRun): RecordReader;
}

/**
 * The plug-in point of the import, the twin of ExportSources: a feature
 * registers the record types it reads, so a product module that replaces
 * the CMS can bring its own. A type nobody registered is refused (400),
 * so an export never loses records silently on its way in.
 */
@Injectable()
export class ImportTargets {
  private readonly byType = new Map<string, ImportTarget>();

  register(target: ImportTarget): void {
    for (const type of Object.keys(target.shapes)) {
      if (this.byType.has(type)) throw new Error(`Import record type "${type}" is registered twice`);
      this.byType.set(type, target);
    }
  }

  shapeOf(type: string): RecordShape | undefined {
    return this.byType.get(type)?.shapes[type];
  }

  types(): string[] {
    return [...this.byType.keys()];
  }

  /** Every type recreated, and every type read but not: the keys of an import's report. */
  reported(): { recreated: string[]; skipped: string[] } {
    const targets = [...new Set(this.byType.values())];
    return { recreated: targets.flatMap((target) => target.recreates), skipped: targets.flatMap((target) => target.skips) };
  }

  /** One reader per target for an import run, by the types each reads. */
  open(run: ImportRun): Map<string, RecordReader> {
    const readers = new Map<ImportTarget, RecordReader>();
    const byType = new Map<string, RecordReader>();
    for (const [type, target] of this.byType) {
      if (!readers.has(target)) readers.set(target, target.open(run));
      byType.set(type, readers.get(target) as RecordReader);
    }
    return byType;
  }
}
