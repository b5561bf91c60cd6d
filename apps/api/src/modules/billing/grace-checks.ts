import { Injectable } from '@nestjs/common';
import type { TenantTx } from '@plinth/tenancy';
import { JobQueue } from '../jobs/job-queue';

export const GRACE_QUEUE = 'billing.grace';

/** Asks for a look at the organization's grace period once the unit of work commits (see GracePeriods). */
@Injectable()
export class GraceChecks {
  constructor(private readonly jobs: JobQueue) {}

  checkSoon(tx: TenantTx): Promise<void> {
    return this.jobs.enqueue(tx.manager, GRACE_QUEUE, { organizationId: tx.organizationId });
  }
}
