import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PLAN_TIERS } from '@plinth/tenancy';
import type { PlanTier } from '@plinth/tenancy';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination';

export class AdminOrganizationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Part of the name or slug' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  query?: string;
}

export class AdminUsageDto {
  @ApiProperty() sites: number;
  @ApiProperty() users: number;
  @ApiProperty() storage_bytes: number;
  @ApiProperty() api_calls: number;
}

export class AdminOrganizationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() slug: string;
  @ApiProperty({ enum: PLAN_TIERS }) planTier: PlanTier;
  @ApiProperty({ type: AdminUsageDto }) usage: AdminUsageDto;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer', nullable: true }, description: 'Custom limits by dimension' })
  overrides: Record<string, number | null>;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class QuotaOverrideDto {
  @ApiProperty({ type: Number, nullable: true, description: 'The custom limit; null: unlimited' })
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  limit: number | null;
}

export class QuotaOverrideResultDto extends QuotaOverrideDto {
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() dimension: string;
}
