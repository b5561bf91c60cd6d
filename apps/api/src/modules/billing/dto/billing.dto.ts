import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BILLING_CYCLES } from '@plinth/billing';
import type { BillingCycle, ProviderInvoice, SubscriptionStatus } from '@plinth/billing';
import { PLAN_TIERS } from '@plinth/tenancy';
import type { PlanTier } from '@plinth/tenancy';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination';

const SUBSCRIPTION_STATUSES = ['trialing', 'active', 'past_due', 'canceled', 'unpaid', 'incomplete', 'incomplete_expired', 'paused'];
const INVOICE_STATUSES = ['draft', 'open', 'paid', 'uncollectible', 'void'] as const;
const URL_RULES = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

export class CheckoutRequestDto {
  @ApiProperty({ enum: PLAN_TIERS, description: 'starter or pro; enterprise is arranged with sales, free needs no checkout' })
  @IsIn(PLAN_TIERS)
  planTier: PlanTier;

  @ApiProperty({ enum: BILLING_CYCLES })
  @IsIn(BILLING_CYCLES)
  billingCycle: BillingCycle;

  @ApiProperty({
    description: 'Where checkout returns after paying; on the app’s own origin',
    example: 'http://localhost:3000/o/acme/billing?checkout=success',
  })
  @IsUrl(URL_RULES)
  @MaxLength(2000)
  successUrl: string;

  @ApiProperty({
    description: 'Where checkout returns when abandoned; on the app’s own origin',
    example: 'http://localhost:3000/o/acme/billing',
  })
  @IsUrl(URL_RULES)
  @MaxLength(2000)
  cancelUrl: string;
}

export class CheckoutSessionDto {
  @ApiProperty({ example: 'cs_test_a1b2c3' }) sessionId: string;
  @ApiProperty({ description: 'Absolute URL of the checkout page (Stripe’s, or the sandbox’s)' }) sessionUrl: string;
}

export const API_CALLS_MODES = ['hard_limit', 'pay_as_you_go'] as const;
export type ApiCallsMode = (typeof API_CALLS_MODES)[number];

export class ApiCallsBillingDto {
  @ApiProperty({
    enum: API_CALLS_MODES,
    description: 'hard_limit: calls past the allowance are refused (402); pay_as_you_go: served and billed',
  })
  mode: ApiCallsMode;
  @ApiProperty({
    description: 'The owner may switch to pay as you go now (a live Starter or Pro subscription, a metered price configured)',
  })
  payAsYouGoAvailable: boolean;
  @ApiProperty({ description: 'Calls served past the allowance this month (as of the last meter flush)' }) overageThisMonth: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Price of 1,000 calls past the allowance, in cents; null: not offered' })
  centsPer1000: number | null;
  @ApiProperty({ description: 'What this month’s overage comes to so far, in cents' }) overageAmountCents: number;
}

export class ApiCallsModeDto {
  @ApiProperty({ enum: API_CALLS_MODES })
  @IsIn(API_CALLS_MODES)
  mode: ApiCallsMode;
}

export class SubscriptionDto {
  @ApiProperty({ enum: PLAN_TIERS, description: 'The plan in force (its limits apply)' }) planTier: PlanTier;
  @ApiProperty({ enum: BILLING_CYCLES, nullable: true }) billingCycle: BillingCycle | null;
  @ApiProperty({ enum: SUBSCRIPTION_STATUSES, description: 'A Free organization that never subscribed: active' })
  status: SubscriptionStatus;
  @ApiProperty({
    description: 'A subscription runs (trialing, active, or past due in grace): change it in the portal; checkout is refused',
  })
  live: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) currentPeriodStart: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) currentPeriodEnd: string | null;
  @ApiProperty() cancelAtPeriodEnd: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) trialEnd: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Past due: when the organization moves to Free' })
  graceEndsAt: string | null;
  @ApiProperty({ description: 'Per billing cycle, in the smallest currency unit' }) amountCents: number;
  @ApiProperty({ example: 'usd' }) currency: string;
  @ApiProperty({ type: String, nullable: true }) stripeCustomerId: string | null;
  @ApiProperty({ type: String, nullable: true }) stripeSubscriptionId: string | null;
  @ApiProperty({ description: 'Payments are simulated by the sandbox (no Stripe key configured)' }) sandbox: boolean;
  @ApiProperty({ description: 'A checkout now would start with the plan’s free trial (only an organization’s first subscription has one)' })
  trialAvailable: boolean;
  @ApiProperty({ type: ApiCallsBillingDto, description: 'API calls past the allowance: refused, or billed (pay as you go)' })
  apiCalls: ApiCallsBillingDto;
}

export class PortalRequestDto {
  @ApiPropertyOptional({ description: 'Where the portal returns; on the app’s own origin (default: the billing page)' })
  @IsOptional()
  @IsUrl(URL_RULES)
  @MaxLength(2000)
  returnUrl?: string;
}

export class PortalDto {
  @ApiProperty({ description: 'Absolute URL of the billing portal (Stripe’s, or the sandbox’s)' }) portalUrl: string;
}

export class CancelRequestDto {
  @ApiProperty({ description: 'true: the plan stays until the period ends; false: it ends now (no refund)' })
  @IsBoolean()
  cancelAtPeriodEnd: boolean;

  @ApiPropertyOptional({ maxLength: 1000, description: 'Why, in the customer’s words (kept in the audit log)' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(1000)
  feedback?: string;
}

export class InvoiceQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: INVOICE_STATUSES })
  @IsOptional()
  @IsIn(INVOICE_STATUSES)
  status?: ProviderInvoice['status'];
}

export class InvoiceDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'in_1Nv0a2' }) stripeInvoiceId: string;
  @ApiProperty() amountCents: number;
  @ApiProperty() amountPaidCents: number;
  @ApiProperty({ example: 'usd' }) currency: string;
  @ApiProperty({ enum: INVOICE_STATUSES }) status: ProviderInvoice['status'];
  @ApiProperty({ type: String, nullable: true }) invoicePdfUrl: string | null;
  @ApiProperty({ type: String, nullable: true }) hostedInvoiceUrl: string | null;
  @ApiProperty({ format: 'date-time' }) periodStart: string;
  @ApiProperty({ format: 'date-time' }) periodEnd: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) paidAt: string | null;
  @ApiProperty({ format: 'date-time', description: 'When the invoice was issued' }) createdAt: string;
}
