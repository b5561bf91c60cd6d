import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../webhook-events';
import { IsWebhookUrl, URL_MAX } from '../webhook-url';
import type { DisabledReason } from '../entities/webhook-endpoint.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const URL_DOC =
  'Where events are POSTed (http or https, no credentials). Its host is resolved and checked at every send: ' +
  'loopback, private, link-local and other non-public addresses are refused unless the deployment allows them, ' +
  'cloud metadata addresses always; redirects are not followed';
const EVENTS_DOC = 'The events the endpoint receives; at least one';

export class CreateWebhookEndpointDto {
  @ApiProperty({ maxLength: URL_MAX, example: 'https://example.com/webhooks/plinth', description: URL_DOC })
  @Transform(trim)
  @IsWebhookUrl()
  url: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true, example: ['post.published', 'member.joined'], description: EVENTS_DOC })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  events: WebhookEventType[];

  @ApiPropertyOptional({ maxLength: 500, example: 'Rebuild the static site' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  description?: string;
}

export class UpdateWebhookEndpointDto {
  @ApiPropertyOptional({ maxLength: URL_MAX, description: URL_DOC })
  @ValidateIf((_, value) => value !== undefined)
  @Transform(trim)
  @IsWebhookUrl()
  url?: string;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENT_TYPES, isArray: true, description: `${EVENTS_DOC}; replaces the list` })
  @ValidateIf((_, value) => value !== undefined)
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  events?: WebhookEventType[];

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500, description: 'null removes it' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  description?: string | null;

  @ApiPropertyOptional({ description: 'false stops deliveries; true starts them again (and forgets past failures)' })
  @ValidateIf((_, value) => value !== undefined)
  @IsBoolean()
  enabled?: boolean;
}

export class WebhookEndpointDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'https://example.com/webhooks/plinth' }) url: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true }) events: WebhookEventType[];
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ description: 'false: nothing is sent (disabled by a person, or after five days of failures)' }) enabled: boolean;
  @ApiProperty({ type: String, enum: ['manual', 'failing'], nullable: true }) disabledReason: DisabledReason | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) disabledAt: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Every attempt since then failed; five days of that disable the endpoint',
  })
  failingSince: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'After a secret rotation: until then, deliveries are signed with the previous secret too',
  })
  previousSecretExpiresAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class WebhookEndpointWithSecretDto extends WebhookEndpointDto {
  @ApiProperty({
    description: 'The signing secret (Standard Webhooks, `whsec_` + base64): shown once, here',
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  })
  secret: string;
}
