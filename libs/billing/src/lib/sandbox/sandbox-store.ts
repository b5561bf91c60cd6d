import type { TenantTx } from '@plinth/tenancy';
import type { DataSource } from 'typeorm';
import type { Json } from './sandbox-objects';
import type { CardOutcome } from './sandbox-simulation';

export type SandboxObjectType = 'customer' | 'checkout_session' | 'subscription' | 'invoice' | 'usage_record';

export interface SandboxAccount {
  clockOffsetSeconds: number;
  cardOutcome: CardOutcome;
}

/** What created an object (a checkout's price and trial), kept beside it as Stripe keeps it to itself. */
export interface StoredObject {
  data: Json;
  input: Json;
}

const LIVE = `('trialing', 'active', 'past_due', 'unpaid')`;

/**
 * The sandbox's state in PostgreSQL, one organization at a time (every
 * query names it, and row-level security holds it to the unit of work's).
 */
export class SandboxStore {
  /** The organization's clock and card, locked for the rest of the unit of work. */
  async account(tx: TenantTx): Promise<SandboxAccount> {
    const [row] = (await tx.manager.query(
      `INSERT INTO sandbox_billing_accounts (organization_id) VALUES ($1)
       ON CONFLICT (organization_id) DO UPDATE SET organization_id = EXCLUDED.organization_id
       RETURNING clock_offset_seconds, card_outcome`,
      [tx.organizationId],
    )) as Array<{ clock_offset_seconds: string; card_outcome: CardOutcome }>;
    return { clockOffsetSeconds: Number(row.clock_offset_seconds), cardOutcome: row.card_outcome };
  }

  /** The clock and card without creating or locking anything (defaults for an organization that never used the sandbox). */
  async peekAccount(tx: TenantTx): Promise<SandboxAccount> {
    const [row] = (await tx.manager.query(
      'SELECT clock_offset_seconds, card_outcome FROM sandbox_billing_accounts WHERE organization_id = $1',
      [tx.organizationId],
    )) as Array<{ clock_offset_seconds: string; card_outcome: CardOutcome }>;
    return { clockOffsetSeconds: Number(row?.clock_offset_seconds ?? 0), cardOutcome: row?.card_outcome ?? 'succeeds' };
  }

  async updateAccount(tx: TenantTx, account: SandboxAccount): Promise<void> {
    await tx.manager.query('UPDATE sandbox_billing_accounts SET clock_offset_seconds = $2, card_outcome = $3 WHERE organization_id = $1', [
      tx.organizationId,
      account.clockOffsetSeconds,
      account.cardOutcome,
    ]);
  }

  async find(tx: TenantTx, type: SandboxObjectType, id: string): Promise<StoredObject | null> {
    const [row] = (await tx.manager.query(
      'SELECT data, input FROM sandbox_billing_objects WHERE organization_id = $1 AND type = $2 AND id = $3 FOR UPDATE',
      [tx.organizationId, type, id],
    )) as StoredObject[];
    return row ?? null;
  }

  async liveSubscriptions(tx: TenantTx): Promise<Json[]> {
    const rows = (await tx.manager.query(
      `SELECT data FROM sandbox_billing_objects
        WHERE organization_id = $1 AND type = 'subscription' AND data->>'status' IN ${LIVE}
        ORDER BY created_at FOR UPDATE`,
      [tx.organizationId],
    )) as Array<{ data: Json }>;
    return rows.map((row) => row.data);
  }

  async openInvoices(tx: TenantTx, subscriptionId: string): Promise<Json[]> {
    const rows = (await tx.manager.query(
      `SELECT data FROM sandbox_billing_objects
        WHERE organization_id = $1 AND type = 'invoice' AND data->>'status' = 'open'
          AND data->'parent'->'subscription_details'->>'subscription' = $2
        ORDER BY created_at FOR UPDATE`,
      [tx.organizationId, subscriptionId],
    )) as Array<{ data: Json }>;
    return rows.map((row) => row.data);
  }

  /** Keeps `data` unless an object with its id exists (a usage record sent again). */
  async saveNew(tx: TenantTx, type: SandboxObjectType, data: Json): Promise<void> {
    await tx.manager.query(
      `INSERT INTO sandbox_billing_objects (id, organization_id, type, data) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING`,
      [data.id, tx.organizationId, type, data],
    );
  }

  /** Usage reported for `subscriptionId` and not yet on an invoice, summed; marked invoiced when `claim`. */
  async uninvoicedUsage(tx: TenantTx, subscriptionId: string, claim: boolean): Promise<number> {
    const [row] = (await tx.manager.query(
      claim
        ? `WITH claimed AS (
             UPDATE sandbox_billing_objects SET data = jsonb_set(data, '{invoiced}', 'true')
              WHERE organization_id = $1 AND type = 'usage_record' AND data->>'subscription' = $2 AND NOT (data->>'invoiced')::boolean
             RETURNING (data->'payload'->>'value')::bigint AS value)
           SELECT COALESCE(sum(value), 0) AS quantity FROM claimed`
        : `SELECT COALESCE(sum((data->'payload'->>'value')::bigint), 0) AS quantity FROM sandbox_billing_objects
            WHERE organization_id = $1 AND type = 'usage_record' AND data->>'subscription' = $2 AND NOT (data->>'invoiced')::boolean`,
      [tx.organizationId, subscriptionId],
    )) as Array<{ quantity: string }>;
    return Number(row.quantity);
  }

  async save(tx: TenantTx, type: SandboxObjectType, data: Json, input: Json = {}): Promise<void> {
    await tx.manager.query(
      `INSERT INTO sandbox_billing_objects (id, organization_id, type, data, input) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data`,
      [data.id, tx.organizationId, type, data, input],
    );
  }
}

/**
 * Reads by provider id across organizations, as Stripe's API answers by id:
 * the port's `subscription(id)` and reconciliation. The system's connection.
 */
export class SandboxLookup {
  constructor(private readonly dataSource: DataSource) {}

  async subscription(id: string): Promise<{ organizationId: string; data: Json } | null> {
    const [row] = (await this.dataSource.query(
      `SELECT organization_id, data FROM sandbox_billing_objects WHERE type = 'subscription' AND id = $1`,
      [id],
    )) as Array<{ organization_id: string; data: Json }>;
    return row ? { organizationId: row.organization_id, data: row.data } : null;
  }

  async *liveSubscriptions(pageSize = 100): AsyncIterable<Json> {
    for (let after = ''; ;) {
      const rows = (await this.dataSource.query(
        `SELECT id, data FROM sandbox_billing_objects
          WHERE type = 'subscription' AND data->>'status' IN ${LIVE} AND id > $1 ORDER BY id LIMIT $2`,
        [after, pageSize],
      )) as Array<{ id: string; data: Json }>;
      for (const row of rows) yield row.data;
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1].id;
    }
  }

  async clockOffsetSeconds(organizationId: string): Promise<number> {
    const [row] = (await this.dataSource.query('SELECT clock_offset_seconds FROM sandbox_billing_accounts WHERE organization_id = $1', [
      organizationId,
    ])) as Array<{ clock_offset_seconds: string }>;
    return Number(row?.clock_offset_seconds ?? 0);
  }
}
