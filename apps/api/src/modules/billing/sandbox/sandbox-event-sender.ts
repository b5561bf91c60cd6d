import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Json, signStripePayload } from '@plinth/billing';
import { AppConfig } from '../../../config/app-config';
import { JobQueue } from '../../jobs/job-queue';
import { StripeEventLedger } from '../webhooks/stripe-event-ledger';
import { SANDBOX_EVENT_QUEUE } from './sandbox-event-delivery';

/**
 * Sends the sandbox's queued events as Stripe sends its own: serialized,
 * signed with the webhook secret at the moment of sending, and received by
 * the ledger behind POST /webhooks/stripe, signature check included: each
 * change's events in the order they happened (the ledger copes with any order).
 */
@Injectable()
export class SandboxEventSender implements OnApplicationBootstrap {
  private readonly logger = new Logger('Billing');

  constructor(
    private readonly jobs: JobQueue,
    private readonly ledger: StripeEventLedger,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.billingSandbox)
      this.logger.log('Sandbox billing: no STRIPE_SECRET_KEY, so checkout, invoices and payments are simulated');
    await this.jobs.defineQueue({ name: SANDBOX_EVENT_QUEUE, retryLimit: 10, retryDelaySeconds: 5 });
    if (!this.config.JOBS_ENABLED || !this.config.billingSandbox) return;
    await this.jobs.work<{ events: Json[] }>(SANDBOX_EVENT_QUEUE, (job) => this.send(job.events));
  }

  /** A retried job sends its events again: those already received are duplicates in the ledger, and change nothing. */
  async send(events: Json[]): Promise<void> {
    for (const event of events) {
      const payload = JSON.stringify(event);
      await this.ledger.receive(Buffer.from(payload), await signStripePayload(payload, this.config.stripeWebhookSecret));
    }
  }
}
