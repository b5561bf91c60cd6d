import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

export const PASSWORD_RULE = '10 to 128 characters, with at least one letter and one digit';

/** The one password rule, applied wherever a password is chosen. */
export function IsStrongPassword(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ minLength: 10, maxLength: 128, description: `Password: ${PASSWORD_RULE}`, example: 'correct-horse-42' }),
    IsString(),
    MinLength(10, { message: `$property must be ${PASSWORD_RULE}` }),
    MaxLength(128, { message: `$property must be ${PASSWORD_RULE}` }),
    Matches(/(?=.*\p{L})(?=.*\d)/u, { message: `$property must be ${PASSWORD_RULE}` }),
  );
}
