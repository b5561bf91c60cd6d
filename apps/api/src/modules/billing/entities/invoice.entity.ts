import type { ProviderInvoice } from '@plinth/billing';
import { Column, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('invoices')
export class Invoice {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column()
  stripeInvoiceId: string;

  @Column({ type: 'text', nullable: true })
  stripeSubscriptionId: string | null;

  @Column('integer')
  amountCents: number;

  @Column('integer')
  amountPaidCents: number;

  @Column()
  currency: string;

  @Column({ type: 'text' })
  status: ProviderInvoice['status'];

  @Column({ type: 'text', nullable: true })
  invoicePdfUrl: string | null;

  @Column({ type: 'text', nullable: true })
  hostedInvoiceUrl: string | null;

  @Column({ type: 'timestamptz' })
  periodStart: Date;

  @Column({ type: 'timestamptz' })
  periodEnd: Date;

  @Column({ type: 'timestamptz', nullable: true })
  paidAt: Date | null;

  /** When the provider issued it (the list's order). */
  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
