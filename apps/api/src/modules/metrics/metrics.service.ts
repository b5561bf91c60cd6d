import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** The route label of a request no route matched: one series, whatever URL was asked for. */
export const UNMATCHED_ROUTE = 'unmatched';

export type StripeEventOutcome = 'processed' | 'duplicate' | 'failed' | 'ignored' | 'invalid_signature';

/** A delivery's state after an attempt (see webhooks' DeliveryAttempts.record). */
export type WebhookDeliveryStatus = 'succeeded' | 'pending' | 'failed';

/**
 * Every metric Plinth exports, in a registry of its own (never prom-client's
 * global one, so two apps in one process — tests — never share a series).
 * Other modules call one method here; names and labels live only in this file.
 * Incrementing is in-memory work only: nothing here touches the database per
 * request. The gauges read at scrape time are in scrape-gauges.ts.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  private readonly requestDuration = new Histogram({
    name: 'plinth_http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status; _count is the number of requests',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly quotaRefusals = new Counter({
    name: 'plinth_quota_refusals_total',
    help: 'Actions refused with 402 QUOTA_EXCEEDED, by quota dimension',
    labelNames: ['dimension'] as const,
    registers: [this.registry],
  });

  private readonly quotaWarnings = new Counter({
    name: 'plinth_quota_warnings_total',
    help: 'Writes that crossed a warning threshold (80, 90, 95 %) of a quota, by dimension and threshold',
    labelNames: ['dimension', 'threshold'] as const,
    registers: [this.registry],
  });

  private readonly stripeEvents = new Counter({
    name: 'plinth_stripe_events_total',
    help: 'Stripe webhook events received, by event type and outcome (processed, duplicate, failed: kept for retry, ignored: no organization, invalid_signature)',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly webhookAttempts = new Counter({
    name: 'plinth_webhook_delivery_attempts_total',
    help: 'Outgoing webhook delivery attempts by outcome (succeeded; retrying: failed, another attempt planned; failed: given up; not_sent: endpoint disabled or secret unreadable)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  requestServed(method: string, route: string | undefined, status: number, seconds: number): void {
    this.requestDuration.observe({ method, route: route ?? UNMATCHED_ROUTE, status: String(status) }, seconds);
  }

  quotaRefused(dimension: string): void {
    this.quotaRefusals.inc({ dimension });
  }

  quotaWarned(dimension: string, threshold: number): void {
    this.quotaWarnings.inc({ dimension, threshold: String(threshold) });
  }

  /** `type` only once the signature is checked: a forged event must not mint label values. */
  stripeEventReceived(type: string, outcome: StripeEventOutcome): void {
    this.stripeEvents.inc({ type, outcome });
  }

  webhookAttempted(status: WebhookDeliveryStatus, sent: boolean): void {
    const outcome = !sent ? 'not_sent' : status === 'pending' ? 'retrying' : status;
    this.webhookAttempts.inc({ outcome });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
