import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination';
import { SaneDate } from '../../../common/request-params';

/** Filters shared by the list and the export. */
export class AuditLogFilterDto {
  @ApiPropertyOptional({ example: 'member.role_changed' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(/^[a-z_]+(\.[a-z_]+)*$/, { message: 'action must look like member.role_changed' })
  action?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @SaneDate()
  from?: Date;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @SaneDate()
  to?: Date;
}

export class AuditLogQueryDto extends IntersectionType(PageQueryDto, AuditLogFilterDto) {}

export const AUDIT_EXPORT_FORMATS = ['csv', 'ndjson'] as const;

export class AuditLogExportQueryDto extends AuditLogFilterDto {
  @ApiProperty({ enum: AUDIT_EXPORT_FORMATS })
  @IsIn(AUDIT_EXPORT_FORMATS)
  format: (typeof AUDIT_EXPORT_FORMATS)[number];
}

export class AuditActorDto {
  @ApiProperty({ enum: ['user', 'api_key', 'system'] }) type: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) id: string | null;
  @ApiPropertyOptional() email?: string;
  @ApiPropertyOptional({ description: 'The user’s name or the API key’s name, as it is now', example: 'Ada Lovelace' }) name?: string;
}

export class AuditLogDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() action: string;
  @ApiProperty({ type: AuditActorDto }) actor: AuditActorDto;
  @ApiProperty({ type: String, nullable: true }) targetType: string | null;
  @ApiProperty({ type: String, nullable: true }) targetId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) metadata: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true }) ip: string | null;
  @ApiProperty({ type: String, nullable: true }) userAgent: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
