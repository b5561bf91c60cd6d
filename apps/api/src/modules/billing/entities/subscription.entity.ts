import type { BillingCycle, SubscriptionStatus } from '@plinth/billing';
import type { PlanTier } from '@plinth/tenancy';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** An organization's subscription as Plinth last applied it; one row per organization, made at its first checkout. */
@Entity('subscriptions')
export class Subscription {
  @PrimaryColumn('uuid')
  organizationId: string;

  @Column({ type: 'text', nullable: true })
  stripeCustomerId: string | null;

  @Column({ type: 'text', nullable: true })
  stripeSubscriptionId: string | null;

  @Column({ type: 'text', nullable: true })
  planTier: Exclude<PlanTier, 'free'> | null;

  @Column({ type: 'text', nullable: true })
  billingCycle: BillingCycle | null;

  @Column({ type: 'text', nullable: true })
  status: SubscriptionStatus | null;

  @Column({ type: 'timestamptz', nullable: true })
  currentPeriodStart: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  currentPeriodEnd: Date | null;

  @Column({ default: false })
  cancelAtPeriodEnd: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  trialEnd: Date | null;

  @Column({ default: false })
  trialUsed: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  graceStartedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  graceEndsAt: Date | null;

  @Column({ type: 'smallint', default: 0 })
  graceRemindersSent: number;

  @Column({ type: 'integer', default: 0 })
  amountCents: number;

  @Column({ default: 'usd' })
  currency: string;

  @Column({ type: 'timestamptz', nullable: true })
  syncedAt: Date | null;

  /** The subscription's metered item (API calls past the limit), once pay as you go was turned on. */
  @Column({ type: 'text', nullable: true })
  meteredItemId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
