import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '@plinth/tenancy';

export type InviteStatus = 'pending' | 'expired' | 'accepted' | 'revoked';

/** An email invitation to join an organization; the link's token is stored only as SHA-256. */
@Entity('invites')
export class Invite {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column()
  email: string;

  @Column({ type: 'text' })
  role: Exclude<Role, 'owner'>;

  /** Never read on the request path (the role there may not): a token is looked up as the system. */
  @Column({ select: false })
  tokenHash: string;

  @Column({ type: 'uuid', nullable: true })
  invitedByUserId: string | null;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  acceptedByUserId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /** When a mail for it last went out (creation or resend). */
  @Column({ type: 'timestamptz' })
  lastSentAt: Date;

  /** The UTC day `resendsThatDay` counts. */
  @Column({ type: 'date' })
  resendDay: string;

  @Column({ type: 'integer' })
  resendsThatDay: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

export function inviteStatus(invite: Invite, now = new Date()): InviteStatus {
  if (invite.revokedAt) return 'revoked';
  if (invite.acceptedAt) return 'accepted';
  return invite.expiresAt <= now ? 'expired' : 'pending';
}
