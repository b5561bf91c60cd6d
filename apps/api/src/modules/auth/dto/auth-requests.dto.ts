import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsAccountEmail } from './email.rule';
import { IsStrongPassword } from './password.rule';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class SignupDto {
  @IsAccountEmail()
  email: string;

  @IsStrongPassword()
  password: string;

  @ApiProperty({ maxLength: 100, example: 'Ada Lovelace' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ maxLength: 100, example: 'Analytical Engines' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  organizationName?: string;
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
