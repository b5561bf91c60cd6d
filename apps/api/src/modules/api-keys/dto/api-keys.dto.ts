import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDate, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, MinDate } from 'class-validator';
import { GRANTABLE_ROLES, GrantableRole } from '@plinth/tenancy';
import { SaneDate } from '../../../common/request-params';

export class CreateApiKeyDto {
  @ApiProperty({ maxLength: 100, example: 'CI deploys' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: GRANTABLE_ROLES, description: 'The role the key acts with; never owner' })
  @IsIn(GRANTABLE_ROLES)
  role: GrantableRole;

  @ApiPropertyOptional({ format: 'date-time', description: 'Omit for a key that does not expire' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @MinDate(() => new Date(), { message: 'expiresAt must be in the future' })
  @SaneDate()
  expiresAt?: Date;
}

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Identifies the key; the secret part is never shown again', example: 'plk_3f9a2c71d0b4' })
  prefix: string;
  @ApiProperty({ enum: GRANTABLE_ROLES }) role: GrantableRole;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Updated at most once a minute' })
  lastUsedAt: string | null;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ description: 'The key itself: shown once, stored only as a hash' }) key: string;
}
