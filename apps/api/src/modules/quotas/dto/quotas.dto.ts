import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DIMENSIONS } from '@plinth/quota';
import type { Dimension } from '@plinth/quota';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export class DimensionStatusDto {
  @ApiProperty() current: number;
  @ApiProperty({ type: Number, nullable: true, description: 'null: unlimited' }) limit: number | null;
  @ApiProperty({ type: Number, nullable: true }) remaining: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Whole percent of the limit in use' }) percentage: number | null;
}

export class SiteUsageDto {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty() current: number;
}

export class PostsStatusDto extends DimensionStatusDto {
  @ApiProperty({ type: [SiteUsageDto], description: 'Posts per site; the figures above are the fullest site' })
  perSite: SiteUsageDto[];
}

export class ApiCallsStatusDto extends DimensionStatusDto {
  @ApiProperty({ format: 'date-time' }) periodEnd: string;
}

export class QuotaStatusDto {
  @ApiProperty({ type: DimensionStatusDto }) sites: DimensionStatusDto;
  @ApiProperty({ type: PostsStatusDto }) posts: PostsStatusDto;
  @ApiProperty({ type: DimensionStatusDto }) users: DimensionStatusDto;
  @ApiProperty({ type: DimensionStatusDto }) storage_bytes: DimensionStatusDto;
  @ApiProperty({ type: ApiCallsStatusDto }) api_calls: ApiCallsStatusDto;
}

export class QuotaCheckDto {
  @ApiProperty({ enum: DIMENSIONS })
  @IsIn(DIMENSIONS)
  dimension: Dimension;

  @ApiPropertyOptional({ type: Number, default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  amount: number = 1;

  @ApiPropertyOptional({ format: 'uuid', description: 'For posts: the site (default: the fullest site)' })
  @IsOptional()
  @IsUUID()
  siteId?: string;
}

export class QuotaCheckResultDto {
  @ApiProperty() allowed: boolean;
  @ApiProperty() current: number;
  @ApiProperty({ type: Number, nullable: true }) limit: number | null;
  @ApiProperty({ type: Number, nullable: true }) remaining: number | null;
}
