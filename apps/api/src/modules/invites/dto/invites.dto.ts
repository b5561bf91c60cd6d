import { ApiProperty } from '@nestjs/swagger';
import type { Role } from '@plinth/tenancy';
import { IsIn } from 'class-validator';
import { IsAccountEmail } from '../../auth/dto/email.rule';

export const INVITABLE_ROLES = ['admin', 'editor', 'publisher', 'viewer'] as const;
export type InvitableRole = Exclude<Role, 'owner'>;

export class CreateInviteDto {
  @IsAccountEmail()
  email: string;

  @ApiProperty({ enum: INVITABLE_ROLES, description: 'Ownership moves only by transfer' })
  @IsIn(INVITABLE_ROLES)
  role: InvitableRole;
}

export class InviteDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'email' }) email: string;
  @ApiProperty({ enum: INVITABLE_ROLES }) role: InvitableRole;
  @ApiProperty({ enum: ['pending', 'expired'] }) status: 'pending' | 'expired';
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CreatedInviteDto extends InviteDto {
  @ApiProperty({ description: 'Shown once: the link is <APP_URL>/invites/<inviteToken>' }) inviteToken: string;
}

export class InvitePreviewDto {
  @ApiProperty() organizationName: string;
  @ApiProperty({ enum: INVITABLE_ROLES }) role: InvitableRole;
  @ApiProperty({ type: String, nullable: true, description: 'Name of the member who sent it' }) invitedBy: string | null;
  @ApiProperty({ format: 'email' }) email: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ enum: ['pending', 'expired', 'accepted'] }) status: 'pending' | 'expired' | 'accepted';
}

export class AcceptedInviteDto {
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ enum: INVITABLE_ROLES }) role: InvitableRole;
  @ApiProperty({ format: 'date-time' }) joinedAt: string;
}
