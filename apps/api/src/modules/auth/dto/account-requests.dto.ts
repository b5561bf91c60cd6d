import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsUserName } from '../../users/dto/user-name.rule';
import { IsAccountEmail } from './email.rule';
import { IsStrongPassword } from './password.rule';

/** The password the account has now, confirming a sensitive change (checked, never held to the rule: it was chosen earlier). */
function IsCurrentPassword(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ maxLength: 128, description: 'The account’s current password' }),
    IsString(),
    IsNotEmpty(),
    MaxLength(128),
  );
}

export class UpdateProfileDto {
  @IsUserName()
  name: string;
}

export class ChangePasswordDto {
  @IsCurrentPassword()
  currentPassword: string;

  @IsStrongPassword()
  newPassword: string;
}

export class EmailChangeDto {
  @IsAccountEmail()
  newEmail: string;

  @IsCurrentPassword()
  password: string;
}

export class DeleteAccountDto {
  @IsCurrentPassword()
  password: string;
}
