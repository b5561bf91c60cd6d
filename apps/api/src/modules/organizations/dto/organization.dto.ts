import { ApiProperty } from '@nestjs/swagger';
import { PLAN_TIERS, ROLES } from '@plinth/tenancy';
import type { PlanTier, Role } from '@plinth/tenancy';

export class OrganizationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() slug: string;
  @ApiProperty({ type: String, nullable: true }) logoUrl: string | null;
  @ApiProperty({ enum: PLAN_TIERS }) planTier: PlanTier;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class OrganizationWithRoleDto extends OrganizationDto {
  @ApiProperty({ enum: ROLES }) role: Role;
}
