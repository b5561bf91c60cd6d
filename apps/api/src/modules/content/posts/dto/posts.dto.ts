import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { PageQueryDto } from '../../../../common/pagination';
import { POST_STATUSES, PostStatus } from '../entities/post.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const TITLE_MAX = 200;
export const BODY_MAX = 100_000;

export class CreatePostDto {
  @ApiProperty({ maxLength: TITLE_MAX, example: 'Hello, world' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(TITLE_MAX)
  title: string;

  @ApiProperty({ maxLength: BODY_MAX, description: 'The content, as the site renders it (e.g. Markdown); may be empty' })
  @IsString()
  @MaxLength(BODY_MAX)
  body: string;
}

/** Status changes only through publish, which has its own permission. */
export class UpdatePostDto {
  @ApiPropertyOptional({ maxLength: TITLE_MAX })
  @ValidateIf((_, value) => value !== undefined)
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(TITLE_MAX)
  title?: string;

  @ApiPropertyOptional({ maxLength: BODY_MAX })
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @MaxLength(BODY_MAX)
  body?: string;
}

export class ListPostsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: POST_STATUSES, description: 'Only posts in this status' })
  @IsOptional()
  @IsIn(POST_STATUSES)
  status?: PostStatus;
}

/** A post without its body, as lists return it. */
export class PostSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: POST_STATUSES }) status: PostStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class PostDto extends PostSummaryDto {
  @ApiProperty() body: string;
}
