import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsAccountEmail } from './email.rule';
import { IsUserName } from '../../users/dto/user-name.rule';
import { IsStrongPassword } from './password.rule';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class SignupDto {
  @IsAccountEmail()
  email: string;

  @IsStrongPassword()
  password: string;

  @IsUserName()
  name: string;

  @ApiPropertyOptional({
    maxLength: 100,
    example: 'Analytical Engines',
    description: 'The new Free organization’s name (ignored with inviteToken)',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  organizationName?: string;

  @ApiPropertyOptional({
    maxLength: 200,
    description:
      'Signing up from an invite link: the account joins that organization (and creates none); the address must be the invited one, and counts as verified',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  inviteToken?: string;
}

export class LoginDto {
  @IsAccountEmail()
  email: string;

  @ApiProperty({ maxLength: 128 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  password: string;
}

export class RefreshTokenDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  refreshToken: string;
}

export class SwitchOrganizationDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  organizationId: string;
}

export class LinkTokenDto {
  @ApiProperty({ maxLength: 200, description: 'The token from the emailed link' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token: string;
}

export class PasswordResetRequestDto {
  @IsAccountEmail()
  email: string;
}

export class PasswordResetConfirmDto extends LinkTokenDto {
  @IsStrongPassword()
  password: string;
}
