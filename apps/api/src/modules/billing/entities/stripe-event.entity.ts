import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The ledger: every Stripe event received, once (its id is the key), and whether its effects are applied. */
@Entity('stripe_events')
export class StripeEvent {
  @PrimaryColumn()
  id: string;

  @Column({ type: 'uuid', nullable: true })
  organizationId: string | null;

  @Column()
  type: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  processedAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;
}
