import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ROLES } from '@plinth/tenancy';
import type { Role } from '@plinth/tenancy';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';

export class MemberDto {
  @ApiProperty({ format: 'uuid', description: 'The membership id' }) id: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ format: 'email' }) email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ format: 'date-time' }) joinedAt: string;
}

export class ChangeRoleDto {
  @ApiProperty({ enum: ROLES, description: 'Only an owner may grant or take away owner' })
  @IsIn(ROLES)
  role: Role;
}

export class RemoveMemberQueryDto {
  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description: 'Keep the API keys the member created (revoked by default); audited either way',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  keepApiKeys: boolean = false;
}
