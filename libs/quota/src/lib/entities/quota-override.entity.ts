import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Dimension } from '../plans';

/** A platform admin's custom limit for one organization, replacing the plan's (null: unlimited). */
@Entity('quota_overrides')
export class QuotaOverride {
  @PrimaryColumn('uuid')
  organizationId: string;

  @PrimaryColumn({ type: 'text' })
  dimension: Dimension;

  @Column({
    type: 'bigint',
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
  })
  limitValue: number | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
