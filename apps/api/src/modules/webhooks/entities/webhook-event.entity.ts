import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { WebhookEventType } from '../webhook-events';

/** The outbox: one row per event, written in the transaction of the change that caused it. */
@Entity('webhook_events')
export class WebhookEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column({ type: 'text' })
  type: WebhookEventType;

  @Column({ type: 'json' })
  data: object;

  @Column({ type: 'text', nullable: true })
  dedupeKey: string | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
