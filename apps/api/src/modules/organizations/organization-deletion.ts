import { Injectable } from '@nestjs/common';
import type { TenantTx } from '@plinth/tenancy';

type Step = (tx: TenantTx) => Promise<void>;

/**
 * What must happen before an organization is deleted, in its unit of work
 * (ending its subscription, say): a step that fails keeps the organization.
 * Features register their steps; organizations need not know them.
 */
@Injectable()
export class OrganizationDeletion {
  private readonly steps: Step[] = [];

  before(step: Step): void {
    this.steps.push(step);
  }

  async prepare(tx: TenantTx): Promise<void> {
    for (const step of this.steps) await step(tx);
  }
}
