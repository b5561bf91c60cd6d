import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Dimension } from '../plans';

/** The live count of one dimension for one organization (and one site, for posts). */
@Entity('quota_usage')
export class QuotaUsage {
  @PrimaryColumn('uuid')
  organizationId: string;

  @PrimaryColumn({ type: 'text' })
  dimension: Dimension;

  /** The site for `posts`; the nil UUID for organization-wide dimensions. */
  @PrimaryColumn('uuid')
  scopeId: string;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  current: number;

  /** Start of the metering period (api_calls). */
  @Column({ type: 'timestamptz' })
  periodStart: Date;
}
