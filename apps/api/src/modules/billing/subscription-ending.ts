import { Injectable, OnModuleInit } from '@nestjs/common';
import { BillingProvider, isLive } from '@plinth/billing';
import type { TenantTx } from '@plinth/tenancy';
import { OrganizationDeletion } from '../organizations/organization-deletion';
import { BillingProviderUnavailableError } from './billing.errors';
import { SubscriptionRecords } from './subscription-records';

/** An organization is deleted only once its live subscription is canceled with the provider: nobody pays for what is gone. */
@Injectable()
export class SubscriptionEnding implements OnModuleInit {
  constructor(
    private readonly deletion: OrganizationDeletion,
    private readonly provider: BillingProvider,
    private readonly records: SubscriptionRecords,
  ) {}

  onModuleInit(): void {
    this.deletion.before((tx) => this.endBeforeDeletion(tx));
  }

  private async endBeforeDeletion(tx: TenantTx): Promise<void> {
    const record = await this.records.find(tx);
    if (!record?.stripeSubscriptionId || !isLive(record.status)) return;
    const subscriptionId = record.stripeSubscriptionId;
    await this.provider.cancel(subscriptionId, false, `organization-deleted:${subscriptionId}`).catch(() => {
      throw new BillingProviderUnavailableError();
    });
  }
}
