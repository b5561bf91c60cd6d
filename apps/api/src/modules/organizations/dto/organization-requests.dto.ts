import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsNotIn, IsOptional, IsString, IsUrl, Matches, MaxLength, ValidateIf } from 'class-validator';
import { RESERVED_SLUGS } from '../reserved-slugs';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const SLUG_RULE = '3–48 lower-case letters, digits and inner hyphens, not shaped like a UUID';
// Not UUID-shaped: X-Organization-Id accepts an id or a slug, and they must never be confused.
export const SLUG_PATTERN = /^(?![0-9a-f]{8}-[0-9a-f]{4}-)[a-z0-9](?:[a-z0-9-]{1,46})[a-z0-9]$/;

export class CreateOrganizationDto {
  @ApiProperty({ maxLength: 100, example: 'Analytical Engines' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ pattern: SLUG_PATTERN.source, description: `Slug: ${SLUG_RULE}; derived from the name when omitted` })
  @IsOptional()
  @IsString()
  @Matches(SLUG_PATTERN, { message: `slug must be ${SLUG_RULE}` })
  @IsNotIn([...RESERVED_SLUGS], { message: 'slug is a reserved name (www, api, app, admin, mail…): choose another' })
  slug?: string;
}

export class UpdateOrganizationDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ pattern: SLUG_PATTERN.source, description: `Slug: ${SLUG_RULE}` })
  @IsOptional()
  @IsString()
  @Matches(SLUG_PATTERN, { message: `slug must be ${SLUG_RULE}` })
  @IsNotIn([...RESERVED_SLUGS], { message: 'slug is a reserved name (www, api, app, admin, mail…): choose another' })
  slug?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2048, format: 'uri' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUrl({ protocols: ['https'], require_protocol: true }, { message: 'logoUrl must be an https URL' })
  @MaxLength(2048)
  logoUrl?: string | null;
}

export class TransferOwnershipDto {
  @ApiProperty({ format: 'uuid', description: 'A member of the organization who becomes its owner' })
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'userId must be a UUID' })
  userId: string;
}
