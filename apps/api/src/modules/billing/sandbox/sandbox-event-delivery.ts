import { Injectable } from '@nestjs/common';
import type { Json, SandboxEventOutlet } from '@plinth/billing';
import type { TenantTx } from '@plinth/tenancy';
import { JobQueue } from '../../jobs/job-queue';

export const SANDBOX_EVENT_QUEUE = 'billing.sandbox-event';

/** The sandbox's outlet: one job per change, carrying its events in order, queued with it; sent by SandboxEventSender. */
@Injectable()
export class SandboxEventDelivery implements SandboxEventOutlet {
  constructor(private readonly jobs: JobQueue) {}

  deliver(tx: TenantTx, events: Json[]): Promise<void> {
    return this.jobs.enqueue(tx.manager, SANDBOX_EVENT_QUEUE, { events });
  }
}
