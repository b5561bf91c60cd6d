import { ApiProperty } from '@nestjs/swagger';
import { MEDIA_TYPES } from '../media-types';

export class MediaDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ example: 'cover.png' }) filename: string;
  @ApiProperty({ enum: MEDIA_TYPES }) contentType: string;
  @ApiProperty({ description: 'Counts against `storage_bytes`' }) sizeBytes: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
