import { Injectable, Logger } from '@nestjs/common';
import { ConflictError, NotFoundError, RequestOrigin, TenantTransactions, ValidationFailedError } from '@plinth/tenancy';
import { DataSource } from 'typeorm';
import { Page } from '../../common/envelope.interceptor';
import type { PageQueryDto } from '../../common/pagination';
import { isSaneDate } from '../../common/request-params';
import { AuditLogger } from '../audit/audit-logger';
import type { AuthenticatedUser } from '../auth/access-token';
import { StripeEventLedger } from '../billing/webhooks/stripe-event-ledger';
import type { FailedStripeEventDto, StripeEventRetryDto } from './dto/admin-operations.dto';
import { BY_PLATFORM_ADMIN, platformAdminActor } from './platform-admin-actor';

interface FailedRow {
  id: string;
  type: string;
  organizationId: string;
  organizationName: string;
  organizationSlug: string;
  createdAt: Date;
  receivedAt: Date;
  attempts: number;
  lastError: string | null;
}

interface StoredEvent {
  id: string;
  type: string;
  organizationId: string | null;
  processedAt: Date | null;
  attempts: number;
  lastError: string | null;
}

/**
 * Unapplied events, newest first. The cursor is the last row's (receivedAt,
 * id); its exact microseconds are read back from the row when it still exists.
 */
const FAILED_SQL = `
  SELECT e.id, e.type, e.organization_id AS "organizationId", o.name AS "organizationName", o.slug AS "organizationSlug",
         e.created_at AS "createdAt", e.received_at AS "receivedAt", e.attempts, e.last_error AS "lastError"
    FROM stripe_events e
    JOIN organizations o ON o.id = e.organization_id
   WHERE e.processed_at IS NULL
     AND ($1::text IS NULL
          OR (e.received_at, e.id) < (COALESCE((SELECT c.received_at FROM stripe_events c WHERE c.id = $1), $2::timestamptz), $1))
   ORDER BY e.received_at DESC, e.id DESC
   LIMIT $3`;

const STORED_SQL = `
  SELECT id, type, organization_id AS "organizationId", processed_at AS "processedAt", attempts, last_error AS "lastError"
    FROM stripe_events WHERE id = $1`;

/**
 * Stripe events whose effects failed and are left unapplied (the job queue
 * retries them with backoff), and a platform admin's retry now, through the
 * ledger's own retry.
 */
@Injectable()
export class AdminStripeEventsService {
  private readonly logger = new Logger(AdminStripeEventsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TenantTransactions,
    private readonly ledger: StripeEventLedger,
    private readonly audit: AuditLogger,
  ) {}

  async listFailed(query: PageQueryDto): Promise<Page<FailedStripeEventDto>> {
    const after = decodeCursor(query.cursor);
    const rows = (await this.dataSource.query(FAILED_SQL, [after?.id ?? null, after?.at ?? null, query.limit + 1])) as FailedRow[];
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    const nextCursor = rows.length > query.limit && last ? encodeCursor(last) : null;
    return new Page(items.map(presentFailed), nextCursor, query.limit);
  }

  /**
   * Applies the event now, or records why it still fails (and answers with
   * that: a failure of the event is not a failure of the request). Audited
   * in the organization's log either way.
   */
  async retry(caller: AuthenticatedUser, eventId: string, origin: RequestOrigin): Promise<StripeEventRetryDto> {
    const stored = await this.stored(eventId);
    if (!stored?.organizationId) throw new NotFoundError('Stripe event');
    if (stored.processedAt) throw new ConflictError('This Stripe event is applied already');
    const organizationId = stored.organizationId;
    let failure: string | null = null;
    try {
      await this.ledger.retry(eventId, organizationId);
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
      this.logger.warn({ err: error, eventId }, 'A platform admin’s retry of a Stripe event failed');
    }
    const actor = await platformAdminActor(this.dataSource.manager, caller);
    await this.transactions.run(
      organizationId,
      (tx) =>
        this.audit.record(tx, {
          action: 'billing.stripe_event_retried',
          targetType: 'stripe_event',
          targetId: eventId,
          metadata: { type: stored.type, outcome: failure === null ? 'applied' : 'failed', ...BY_PLATFORM_ADMIN },
        }),
      { actor, origin },
    );
    return presentRetry((await this.stored(eventId)) as StoredEvent, organizationId);
  }

  private async stored(eventId: string): Promise<StoredEvent | undefined> {
    const [row] = (await this.dataSource.query(STORED_SQL, [eventId])) as StoredEvent[];
    return row;
  }
}

function presentFailed(row: FailedRow): FailedStripeEventDto {
  return {
    id: row.id,
    type: row.type,
    organization: { id: row.organizationId, name: row.organizationName, slug: row.organizationSlug },
    createdAt: new Date(row.createdAt).toISOString(),
    receivedAt: new Date(row.receivedAt).toISOString(),
    attempts: row.attempts,
    lastError: row.lastError,
  };
}

function presentRetry(row: StoredEvent, organizationId: string): StripeEventRetryDto {
  return {
    id: row.id,
    type: row.type,
    organizationId,
    processed: row.processedAt !== null,
    processedAt: row.processedAt ? new Date(row.processedAt).toISOString() : null,
    attempts: row.attempts,
    lastError: row.processedAt ? null : row.lastError,
  };
}

function encodeCursor(row: FailedRow): string {
  return Buffer.from(JSON.stringify([new Date(row.receivedAt).toISOString(), row.id])).toString('base64url');
}

function decodeCursor(cursor: string | undefined): { at: string; id: string } | null {
  if (!cursor) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof at !== 'string' || !isSaneDate(new Date(at)) || typeof id !== 'string' || !id.startsWith('evt_'))
      throw new Error('bad cursor');
    return { at, id };
  } catch {
    throw new ValidationFailedError('Invalid cursor', [{ field: 'cursor', problems: ['not a cursor from this list'] }]);
  }
}
