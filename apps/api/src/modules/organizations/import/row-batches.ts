import type { TenantTx } from '@plinth/tenancy';

/** A table an import fills, and its columns with their PostgreSQL types (organization_id is added). */
export interface BatchTable {
  table: string;
  columns: ReadonlyArray<readonly [name: string, type: string]>;
}

/** Rows held before they are written; a batch of large posts is written sooner, by its bytes. */
const MAX_ROWS = 500;
const MAX_BYTES = 4 * 1024 * 1024;

type Row = unknown[];

/**
 * Rows of several tables written in batches: one INSERT … SELECT FROM
 * unnest(…) per table and batch, a fixed number of parameters however many
 * rows. Tables are written in the order given, so a row never precedes the
 * row it references. The organization id is stamped from the unit of work
 * (the scoped repository inserts one row at a time); row-level security
 * checks it again.
 */
export class RowBatches {
  private readonly pending = new Map<string, Row[]>();
  private bytes = 0;

  constructor(
    private readonly tx: TenantTx,
    private readonly tables: readonly BatchTable[],
    /** Called before a table's batch is written (to count it against the plan). */
    private readonly beforeWrite: (table: string, rows: Row[]) => Promise<void>,
  ) {}

  /** Queues a row (values in the table's column order); `bytes`: its size, roughly. */
  async add(table: string, row: Row, bytes: number): Promise<void> {
    const rows = this.pending.get(table) ?? [];
    rows.push(row);
    this.pending.set(table, rows);
    this.bytes += bytes;
    if (rows.length >= MAX_ROWS || this.bytes >= MAX_BYTES) await this.flush();
  }

  async flush(): Promise<void> {
    for (const { table, columns } of this.tables) {
      const rows = this.pending.get(table);
      if (!rows?.length) continue;
      this.pending.delete(table);
      await this.beforeWrite(table, rows);
      const arrays = columns.map((_, i) => rows.map((row) => row[i] ?? null));
      const casts = columns.map(([, type], i) => `$${i + 2}::${type}[]`).join(', ');
      await this.tx.manager.query(
        `INSERT INTO ${table} (organization_id, ${columns.map(([name]) => name).join(', ')})
         SELECT $1, * FROM unnest(${casts})`,
        [this.tx.organizationId, ...arrays],
      );
    }
    this.bytes = 0;
  }
}
