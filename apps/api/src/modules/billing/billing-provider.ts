import { Provider } from '@nestjs/common';
import { BillingProvider, PAID_TIERS, PriceBook, SandboxBilling, SandboxPrice, StripeProvider, BILLING_CYCLES } from '@plinth/billing';
import { PlanCatalog } from '@plinth/quota';
import { TenantTransactions } from '@plinth/tenancy';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { SandboxEventDelivery } from './sandbox/sandbox-event-delivery';

const SANDBOX_METERED_PRICE = 'price_sandbox_api_calls_metered';
/** What the sandbox charges for API calls past the allowance: $0.20 per 1,000. */
const SANDBOX_CENTS_PER_1000_CALLS = 20;

/** The metered price of API calls past the allowance, when pay as you go is offered (always in the sandbox). */
export const METERED_PRICE = Symbol('plinth:meteredPrice');

export const meteredPriceProvider: Provider = {
  provide: METERED_PRICE,
  inject: [AppConfig],
  useFactory: (config: AppConfig): string | null =>
    config.billingSandbox ? SANDBOX_METERED_PRICE : (config.STRIPE_PRICE_API_CALLS_METERED ?? null),
};

/** Which price is which plan: the STRIPE_PRICE_* settings, or the sandbox's own ids. */
export const priceBookProvider: Provider = {
  provide: PriceBook,
  inject: [AppConfig],
  useFactory: (config: AppConfig) =>
    config.billingSandbox
      ? PriceBook.sandbox()
      : new PriceBook({
          starter: { monthly: config.STRIPE_PRICE_STARTER_MONTHLY ?? '', annual: config.STRIPE_PRICE_STARTER_ANNUAL ?? '' },
          pro: { monthly: config.STRIPE_PRICE_PRO_MONTHLY ?? '', annual: config.STRIPE_PRICE_PRO_ANNUAL ?? '' },
        }),
};

/** Stripe when a key is configured; otherwise the sandbox, a stand-in of Stripe in PostgreSQL. */
export const billingProvider: Provider = {
  provide: BillingProvider,
  inject: [AppConfig, TenantTransactions, DataSource, SandboxEventDelivery, PlanCatalog, PriceBook],
  useFactory: (
    config: AppConfig,
    transactions: TenantTransactions,
    dataSource: DataSource,
    delivery: SandboxEventDelivery,
    catalog: PlanCatalog,
    prices: PriceBook,
  ): BillingProvider =>
    config.billingSandbox
      ? new SandboxBilling(transactions, dataSource, delivery, {
          appUrl: config.APP_URL.replace(/\/$/, ''),
          prices: sandboxPrices(catalog, prices),
          metered: { id: SANDBOX_METERED_PRICE, centsPer1000: SANDBOX_CENTS_PER_1000_CALLS },
        })
      : new StripeProvider({
          secretKey: config.STRIPE_SECRET_KEY ?? '',
          apiUrl: config.STRIPE_API_URL,
          automaticTax: config.STRIPE_AUTOMATIC_TAX,
          meterEventName: config.STRIPE_METER_EVENT_NAME,
        }),
};

/** The sandbox's prices are the catalog's (a cycle the catalog prices at null is not offered). */
function sandboxPrices(catalog: PlanCatalog, prices: PriceBook): SandboxPrice[] {
  return PAID_TIERS.flatMap((tier) =>
    BILLING_CYCLES.flatMap((cycle) => {
      const plan = catalog.plan(tier);
      const unitAmount = cycle === 'annual' ? plan.priceAnnualCents : plan.priceMonthlyCents;
      return unitAmount === null ? [] : [{ id: prices.priceOf(tier, cycle), unitAmount, currency: 'usd', cycle }];
    }),
  );
}
