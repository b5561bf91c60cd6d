import { ApiProperty } from '@nestjs/swagger';
import { PLAN_TIERS } from '@plinth/tenancy';
import type { PlanTier } from '@plinth/tenancy';

export class PlanLimitsDto {
  @ApiProperty({ type: Number, nullable: true }) sites: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Per site' }) posts: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Members plus pending invites' }) users: number | null;
  @ApiProperty({ type: Number, nullable: true }) storage_bytes: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'API-key requests per billing period' }) api_calls: number | null;
}

export class PlanFeaturesDto {
  @ApiProperty() webhooks: boolean;
  @ApiProperty() auditExport: boolean;
  @ApiProperty() customDomains: boolean;
}

export class PlanDto {
  @ApiProperty({ enum: PLAN_TIERS }) tier: PlanTier;
  @ApiProperty() name: string;
  @ApiProperty({ type: Number, nullable: true, description: 'USD cents; null: custom' }) priceMonthlyCents: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'USD cents; null: not offered or custom' }) priceAnnualCents: number | null;
  @ApiProperty({ type: PlanLimitsDto, description: 'null: unlimited' }) limits: PlanLimitsDto;
  @ApiProperty({ type: Number, nullable: true, description: 'API-key requests per second per organization; null: not limited' })
  rateLimitPerSecond: number | null;
  @ApiProperty({ type: PlanFeaturesDto }) features: PlanFeaturesDto;
  @ApiProperty({ type: Number, nullable: true }) trialDays: number | null;
}
