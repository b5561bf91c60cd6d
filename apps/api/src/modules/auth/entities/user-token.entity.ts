import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type UserTokenPurpose = 'verify_email' | 'password_reset' | 'email_change';

/** Single-use email-link token (verification, password reset, email change); stored as SHA-256 only. */
@Entity('user_tokens')
export class UserToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  userId: string;

  @Column({ type: 'text' })
  purpose: UserTokenPurpose;

  @Column()
  tokenHash: string;

  /** An email change: the address the account moves to once the link is opened (null for other purposes). */
  @Column({ type: 'text', nullable: true })
  newEmail: string | null;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
