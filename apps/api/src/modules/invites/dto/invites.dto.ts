import { ApiProperty } from '@nestjs/swagger';
import { GRANTABLE_ROLES, GrantableRole } from '@plinth/tenancy';
import { IsIn } from 'class-validator';
import { IsAccountEmail } from '../../auth/dto/email.rule';

export class CreateInviteDto {
  @IsAccountEmail()
  email: string;

  @ApiProperty({ enum: GRANTABLE_ROLES, description: 'Ownership moves only by transfer' })
  @IsIn(GRANTABLE_ROLES)
  role: GrantableRole;
}

export class InviteDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'email' }) email: string;
  @ApiProperty({ enum: GRANTABLE_ROLES }) role: GrantableRole;
  @ApiProperty({ enum: ['pending', 'expired'] }) status: 'pending' | 'expired';
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CreatedInviteDto extends InviteDto {
  @ApiProperty({ description: 'Shown once: the link is <APP_URL>/invites/<inviteToken>' }) inviteToken: string;
}

export class InvitePreviewDto {
  @ApiProperty() organizationName: string;
  @ApiProperty({ enum: GRANTABLE_ROLES }) role: GrantableRole;
  @ApiProperty({ type: String, nullable: true, description: 'Name of the member who sent it' }) invitedBy: string | null;
  @ApiProperty({ format: 'email' }) email: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ enum: ['pending', 'expired', 'accepted'] }) status: 'pending' | 'expired' | 'accepted';
}

export class AcceptedInviteDto {
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ enum: GRANTABLE_ROLES }) role: GrantableRole;
  @ApiProperty({ format: 'date-time' }) joinedAt: string;
}
