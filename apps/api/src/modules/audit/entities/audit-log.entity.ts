import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ActorType } from '@plinth/tenancy';

/** One append-only audit entry. The request path may only insert and read these rows. */
@Entity('audit_logs')
export class AuditLog {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column()
  action: string;

  @Column({ type: 'text' })
  actorType: ActorType;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text', nullable: true })
  actorEmail: string | null;

  @Column({ type: 'text', nullable: true })
  targetType: string | null;

  @Column({ type: 'text', nullable: true })
  targetId: string | null;

  @Column({ type: 'jsonb', default: {} })
  metadata: Record<string, unknown>;

  @Column({ type: 'text', nullable: true })
  ip: string | null;

  @Column({ type: 'text', nullable: true })
  userAgent: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** The entry's place in its organization's hash chain; set by the database at COMMIT (audit-chain migration). */
  @Column({ type: 'bigint', nullable: true, insert: false, update: false, select: false })
  chainSeq: string | null;

  @Column({ type: 'bytea', nullable: true, insert: false, update: false, select: false })
  prevHash: Buffer | null;

  @Column({ type: 'bytea', nullable: true, insert: false, update: false, select: false })
  hash: Buffer | null;
}
