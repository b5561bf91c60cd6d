import { DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { MembersModule } from '../members/members.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { BillingController } from './billing.controller';
import { BillingMails } from './billing-mails';
import { BillingMetrics } from './billing-metrics';
import { billingProvider, meteredPriceProvider, priceBookProvider } from './billing-provider';
import { BillingReconciler } from './billing-reconciler';
import { BillingService } from './billing.service';
import { GraceChecks } from './grace-checks';
import { GracePeriods } from './grace-periods';
import { InvoiceRecords } from './invoice-records';
import { InvoicesService } from './invoices.service';
import { PayAsYouGo } from './pay-as-you-go';
import { UsageReports } from './usage-reports';
import { SandboxBillingController } from './sandbox/sandbox-billing.controller';
import { SandboxEventDelivery } from './sandbox/sandbox-event-delivery';
import { SandboxEventSender } from './sandbox/sandbox-event-sender';
import { SubscriptionEnding } from './subscription-ending';
import { SubscriptionRecords } from './subscription-records';
import { SubscriptionSync } from './subscription-sync';
import { StripeEventEffects } from './webhooks/stripe-event-effects';
import { StripeEventLedger } from './webhooks/stripe-event-ledger';
import { StripeWebhooksController } from './webhooks/stripe-webhooks.controller';

/** Subscriptions through Stripe, or through the sandbox when no Stripe key is configured (its routes exist only then). */
@Module({})
export class BillingModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: BillingModule,
      // The platform admin's reconciliation and metrics are in the admin module.
      global: true,
      imports: [MembersModule, OrganizationsModule],
      controllers: [BillingController, StripeWebhooksController, ...(config.billingSandbox ? [SandboxBillingController] : [])],
      providers: [
        priceBookProvider,
        meteredPriceProvider,
        PayAsYouGo,
        UsageReports,
        billingProvider,
        BillingService,
        InvoicesService,
        BillingMails,
        SubscriptionRecords,
        SubscriptionSync,
        InvoiceRecords,
        GraceChecks,
        GracePeriods,
        StripeEventEffects,
        StripeEventLedger,
        SandboxEventDelivery,
        SandboxEventSender,
        SubscriptionEnding,
        BillingReconciler,
        BillingMetrics,
      ],
      exports: [BillingReconciler, BillingMetrics, StripeEventLedger],
    };
  }
}
