import type { PlanTier } from '@plinth/tenancy';
import type { BillingCycle } from './types';

export type PaidTier = Extract<PlanTier, 'starter' | 'pro'>;
export const PAID_TIERS: readonly PaidTier[] = ['starter', 'pro'];

export type PriceIds = Record<PaidTier, Record<BillingCycle, string>>;

/** Which price is which plan and cycle: the configuration's STRIPE_PRICE_* (or the sandbox's own ids). */
export class PriceBook {
  constructor(private readonly ids: PriceIds) {}

  priceOf(tier: PaidTier, cycle: BillingCycle): string {
    return this.ids[tier][cycle];
  }

  planOf(priceId: string | null): { tier: PaidTier; cycle: BillingCycle } | null {
    for (const tier of PAID_TIERS) {
      for (const cycle of ['monthly', 'annual'] as const) if (this.ids[tier][cycle] === priceId) return { tier, cycle };
    }
    return null;
  }

  /** The sandbox's price ids, shaped like Stripe's. */
  static sandbox(): PriceBook {
    const id = (tier: PaidTier, cycle: BillingCycle) => `price_sandbox_${tier}_${cycle}`;
    return new PriceBook({
      starter: { monthly: id('starter', 'monthly'), annual: id('starter', 'annual') },
      pro: { monthly: id('pro', 'monthly'), annual: id('pro', 'annual') },
    });
  }
}
