import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** A person's display name: trimmed, 1 to 100 characters. The one rule, at signup and in account settings. */
export function IsUserName(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ maxLength: 100, example: 'Ada Lovelace' }),
    Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)),
    IsString(),
    IsNotEmpty(),
    MaxLength(100),
  );
}
