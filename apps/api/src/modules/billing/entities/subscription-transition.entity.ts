import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A change of a subscription's status or plan, for the platform's billing metrics (churn, trial conversion). */
@Entity('subscription_transitions')
export class SubscriptionTransition {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: true })
  organizationId: string | null;

  @Column()
  stripeSubscriptionId: string;

  @Column({ type: 'text', nullable: true })
  fromStatus: string | null;

  @Column()
  toStatus: string;

  @Column({ type: 'text', nullable: true })
  planTier: string | null;

  @Column('integer')
  monthlyAmountCents: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
