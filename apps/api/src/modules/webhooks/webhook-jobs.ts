import { Injectable, Logger } from '@nestjs/common';
import type { TenantTx } from '@plinth/tenancy';
import { JobQueue } from '../jobs/job-queue';

export const DELIVER_QUEUE = 'webhook.deliver';
export const SWEEP_QUEUE = 'webhook.sweep';

export interface DeliveryJob {
  organizationId: string;
  deliveryId: string;
}

/**
 * The jobs that move deliveries. The delivery row is the truth (written in
 * the transaction of the change); a job only says "look at it now". New
 * deliveries get theirs once their transaction has committed, off the
 * request's connection; a crash in between is caught by the sweep.
 */
@Injectable()
export class WebhookJobs {
  private readonly logger = new Logger(WebhookJobs.name);

  constructor(private readonly jobs: JobQueue) {}

  /** Not awaited by the request: the sweep sends what this could not. */
  soon(organizationId: string, deliveryIds: string[]): void {
    this.send(organizationId, deliveryIds).catch((error) => {
      this.logger.warn({ err: error }, 'Webhook delivery not queued; the sweep will send it');
    });
  }

  async send(organizationId: string, deliveryIds: string[]): Promise<void> {
    if (deliveryIds.length === 0) return;
    await this.jobs.boss.insert(deliveryIds.map((deliveryId) => ({ name: DELIVER_QUEUE, data: { organizationId, deliveryId } })));
  }

  /** The next attempt, in the transaction that logged this one. */
  async later(tx: TenantTx, deliveryId: string, delayMs: number): Promise<void> {
    const job: DeliveryJob = { organizationId: tx.organizationId, deliveryId };
    await this.jobs.enqueue(tx.manager, DELIVER_QUEUE, job, { startAfter: new Date(Date.now() + delayMs) });
  }
}
