import { ApiProperty } from '@nestjs/swagger';
import { PERMISSIONS, PLAN_TIERS, ROLES } from '@plinth/tenancy';
import type { Permission, PlanTier, Role } from '@plinth/tenancy';
import { OrganizationDto, OrganizationWithRoleDto } from '../../organizations/dto/organization.dto';
import { UserDto } from '../../users/dto/user.dto';

export class TokenPairDto {
  @ApiProperty({ description: 'JWT, valid 15 minutes' }) accessToken: string;
  @ApiProperty({ description: 'Opaque, single use: each refresh returns a new one' }) refreshToken: string;
}

export class SignupResultDto extends TokenPairDto {
  @ApiProperty({ type: UserDto }) user: UserDto;
  @ApiProperty({ type: OrganizationDto }) organization: OrganizationDto;
}

export class LoginResultDto extends TokenPairDto {
  @ApiProperty({ type: UserDto }) user: UserDto;
  @ApiProperty({ type: [OrganizationWithRoleDto] }) organizations: OrganizationWithRoleDto[];
}

export class MembershipDto {
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() name: string;
  @ApiProperty() slug: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ enum: PERMISSIONS, isArray: true }) permissions: Permission[];
  @ApiProperty({ enum: PLAN_TIERS }) planTier: PlanTier;
}

export class MeDto {
  @ApiProperty({ type: UserDto }) user: UserDto;
  @ApiProperty({ type: [MembershipDto] }) memberships: MembershipDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The organization the request host names (`<slug>.<BASE_DOMAIN>`); on such a host only it can be acted for',
  })
  hostOrganizationSlug: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'BASE_DOMAIN: each organization is also served at `<slug>.<baseDomain>`' })
  baseDomain: string | null;
  @ApiProperty({ description: 'false: a single-tenant deployment — one organization, no plans or billing, no creating or switching' })
  multiTenant: boolean;
}

export class VerifyEmailResultDto {
  @ApiProperty() emailVerified: boolean;
}
