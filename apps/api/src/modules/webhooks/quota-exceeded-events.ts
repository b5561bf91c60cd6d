import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { FeatureGate, QuotaRefusal, QuotaService } from '@plinth/quota';
import { TenantTransactions } from '@plinth/tenancy';
import { WebhookClock } from './webhook-clock';
import { WebhookOutbox } from './webhook-outbox';

const HOUR_MS = 3_600_000;
/** Limits remembered per process; past this, the memory starts over (the database still dedupes). */
const REMEMBERED = 10_000;

/**
 * `quota.exceeded`: an action was refused (402 QUOTA_EXCEEDED). A refusal
 * changes nothing — its transaction rolls back — so the event is written in
 * a transaction of its own, after the refusal and not awaited by it; at most
 * once an hour per limit (dimension and scope), so a client hammering a full
 * plan sends one event, not thousands.
 */
@Injectable()
export class QuotaExceededEvents implements OnModuleInit {
  private readonly logger = new Logger(QuotaExceededEvents.name);
  private readonly lastSent = new Map<string, number>();

  constructor(
    private readonly quotas: QuotaService,
    private readonly features: FeatureGate,
    private readonly transactions: TenantTransactions,
    private readonly outbox: WebhookOutbox,
    private readonly clock: WebhookClock,
  ) {}

  onModuleInit(): void {
    this.quotas.onRefusal((refusal) => this.refused(refusal));
  }

  private refused(refusal: QuotaRefusal): void {
    if (!this.features.has(refusal.planTier, 'webhooks')) return;
    const now = this.clock.now();
    const hour = Math.floor(now.getTime() / HOUR_MS);
    const key = `${refusal.organizationId}:${refusal.dimension}:${refusal.scopeId}`;
    if (this.lastSent.get(key) === hour) return;
    if (this.lastSent.size >= REMEMBERED) this.lastSent.clear();
    this.lastSent.set(key, hour);
    const { organizationId, dimension, scopeId, current, limit, planTier } = refusal;
    const dedupeKey = `quota.exceeded:${dimension}:${scopeId}:${new Date(hour * HOUR_MS).toISOString()}`;
    setImmediate(() => {
      this.transactions
        .run(organizationId, (tx) =>
          this.outbox.enqueue(tx, 'quota.exceeded', { dimension, scopeId, current, limit, planTier }, { dedupeKey }),
        )
        .catch((error) => this.logger.warn({ err: error, organizationId }, 'quota.exceeded event not recorded'));
    });
  }
}
