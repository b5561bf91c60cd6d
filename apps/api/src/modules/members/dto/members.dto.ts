import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '@plinth/tenancy';
import type { Role } from '@plinth/tenancy';
import { IsIn } from 'class-validator';

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
