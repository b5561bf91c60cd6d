import { Inject, Injectable } from '@nestjs/common';
import { BillingProvider, isLive } from '@plinth/billing';
import { ApiCallMeter, ApiCallOverage } from '@plinth/quota';
import type { TenantTx } from '@plinth/tenancy';
import { randomUUID } from 'node:crypto';
import { AuditLogger } from '../audit/audit-logger';
import { PayAsYouGoUnavailableError } from './billing.errors';
import { METERED_PRICE } from './billing-provider';
import type { ApiCallsBillingDto, ApiCallsMode } from './dto/billing.dto';
import type { Subscription } from './entities/subscription.entity';
import { SubscriptionRecords } from './subscription-records';
import { UsageReports } from './usage-reports';

/**
 * API calls past the allowance: refused with 402 (`hard_limit`, the
 * default), or served and billed through the subscription's metered price
 * (`pay_as_you_go`), for owners of a live paid plan when a metered price is
 * configured (always in the sandbox).
 */
@Injectable()
export class PayAsYouGo {
  constructor(
    @Inject(METERED_PRICE) private readonly meteredPrice: string | null,
    private readonly provider: BillingProvider,
    private readonly overage: ApiCallOverage,
    private readonly meter: ApiCallMeter,
    private readonly records: SubscriptionRecords,
    private readonly reports: UsageReports,
    private readonly audit: AuditLogger,
  ) {}

  async describe(tx: TenantTx, record: Subscription | null): Promise<ApiCallsBillingDto> {
    const mode: ApiCallsMode = (await this.overage.allowed(tx)) ? 'pay_as_you_go' : 'hard_limit';
    const centsPer1000 = this.meteredPrice ? await this.provider.meteredCentsPer1000(this.meteredPrice).catch(() => null) : null;
    const overageThisMonth = await this.overage.thisMonth(tx);
    return {
      mode,
      payAsYouGoAvailable: this.available(record),
      overageThisMonth,
      centsPer1000,
      overageAmountCents: centsPer1000 === null ? 0 : Math.round((overageThisMonth * centsPer1000) / 1000),
    };
  }

  async setMode(tx: TenantTx, mode: ApiCallsMode): Promise<void> {
    const record = await this.records.lock(tx);
    const wasOn = await this.overage.allowed(tx);
    if (mode === 'pay_as_you_go') {
      if (!this.meteredPrice || !this.available(record)) throw new PayAsYouGoUnavailableError();
      if (!record.meteredItemId) await this.attachMeteredItem(tx, record, this.meteredPrice);
      await this.reports.start(tx);
    }
    await this.overage.allow(tx, mode === 'pay_as_you_go');
    tx.afterCommit(() => this.meter.forget(tx.organizationId));
    if (wasOn !== (mode === 'pay_as_you_go')) {
      await this.audit.record(tx, {
        action: 'billing.api_calls_mode_changed',
        targetType: 'subscription',
        targetId: record.stripeSubscriptionId ?? undefined,
        metadata: { from: wasOn ? 'pay_as_you_go' : 'hard_limit', to: mode },
      });
    }
  }

  /** When the subscription ends (Free gives no overage), calls past the allowance are refused again. */
  async stop(tx: TenantTx): Promise<void> {
    if (!(await this.overage.allowed(tx))) return;
    await this.overage.allow(tx, false);
    tx.afterCommit(() => this.meter.forget(tx.organizationId));
  }

  private available(record: Subscription | null): boolean {
    return Boolean(
      this.meteredPrice && record?.stripeSubscriptionId && isLive(record.status) && record.planTier && record.planTier !== 'enterprise',
    );
  }

  private async attachMeteredItem(tx: TenantTx, record: Subscription, priceId: string): Promise<void> {
    const subscriptionId = record.stripeSubscriptionId as string;
    const itemId = await this.provider.addMeteredItem(subscriptionId, priceId, `metered:${subscriptionId}:${randomUUID()}`);
    await this.records.update(tx, { meteredItemId: itemId });
  }
}
