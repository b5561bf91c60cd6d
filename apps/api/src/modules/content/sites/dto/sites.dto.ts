import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const hostname = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

/** Two or more labels of letters, digits and inner hyphens (each 1–63), the last starting with a letter. */
export const HOSTNAME_PATTERN = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;
const HOSTNAME_MESSAGE = 'domain must be a hostname such as blog.example.com';
const DOMAIN_DOC = 'A custom hostname; needs a plan with custom domains (else 402 PLAN_FEATURE_UNAVAILABLE)';

export class CreateSiteDto {
  @ApiProperty({ maxLength: 100, example: 'Company blog' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ maxLength: 253, pattern: HOSTNAME_PATTERN.source, example: 'blog.example.com', description: DOMAIN_DOC })
  @IsOptional()
  @Transform(hostname)
  @IsString()
  @MaxLength(253)
  @Matches(HOSTNAME_PATTERN, { message: HOSTNAME_MESSAGE })
  domain?: string;
}

export class UpdateSiteDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @ValidateIf((_, value) => value !== undefined)
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 253,
    pattern: HOSTNAME_PATTERN.source,
    description: `${DOMAIN_DOC}. null removes it, on any plan`,
  })
  @IsOptional()
  @Transform(hostname)
  @IsString()
  @MaxLength(253)
  @Matches(HOSTNAME_PATTERN, { message: HOSTNAME_MESSAGE })
  domain?: string | null;
}

export class SiteDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true, example: 'blog.example.com' }) domain: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}
