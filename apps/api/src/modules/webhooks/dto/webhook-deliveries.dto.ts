import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../entities/webhook-delivery.entity';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../webhook-events';

export class ListDeliveriesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;
}

export class WebhookAttemptDto {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: Number, nullable: true, description: 'null: no answer (refused address, timeout, connection error)' })
  statusCode: number | null;
  @ApiProperty() durationMs: number;
  @ApiProperty({ type: String, nullable: true, description: 'The first 1,000 characters of the answer' })
  responseExcerpt: string | null;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the next attempt was planned, after this one' })
  nextRetryAt: string | null;
}

export class WebhookDeliveryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'Also the `webhook-id` header and the payload’s `id`, the same on every attempt' })
  eventId: string;
  @ApiProperty({ enum: [...WEBHOOK_EVENT_TYPES, 'webhook.test'], description: '`webhook.test`: sent on request (POST …/test)' })
  eventType: WebhookEventType | 'webhook.test';
  @ApiProperty({ enum: DELIVERY_STATUSES }) status: DeliveryStatus;
  @ApiProperty({ type: [WebhookAttemptDto], description: 'Oldest first' }) attempts: WebhookAttemptDto[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) nextRetryAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class TestDeliveryDto {
  @ApiProperty({ format: 'uuid', description: 'The delivery of the test event; it shows in the endpoint’s deliveries' }) deliveryId: string;
}
