import { ApiProperty } from '@nestjs/swagger';
import { WEBHOOK_EVENT_TYPES } from '../../webhooks/webhook-events';

/** The organization a cross-tenant record belongs to, named for a person. */
export class AdminOrganizationRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() slug: string;
}

export class FailedWebhookDeliveryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: AdminOrganizationRefDto }) organization: AdminOrganizationRefDto;
  @ApiProperty({ format: 'uuid' }) endpointId: string;
  @ApiProperty() endpointUrl: string;
  @ApiProperty({ description: 'A disabled endpoint sends nothing, retries included' }) endpointEnabled: boolean;
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ enum: [...WEBHOOK_EVENT_TYPES, 'webhook.test'] }) eventType: string;
  @ApiProperty({ description: 'Every attempt since the delivery was created, replays included' }) attemptCount: number;
  @ApiProperty({ type: Number, nullable: true, description: 'The last attempt’s HTTP status; null when none came back' })
  lastStatusCode: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why the last attempt failed, when it was not an HTTP status' })
  lastError: string | null;
  @ApiProperty({ format: 'date-time', description: 'When the delivery gave up' }) failedAt: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class FailedStripeEventDto {
  @ApiProperty({ example: 'evt_1Q2w3E4r5T6y7U8i' }) id: string;
  @ApiProperty({ example: 'invoice.paid' }) type: string;
  @ApiProperty({ type: AdminOrganizationRefDto }) organization: AdminOrganizationRefDto;
  @ApiProperty({ format: 'date-time', description: 'When Stripe created the event' }) createdAt: string;
  @ApiProperty({ format: 'date-time', description: 'When Plinth received it' }) receivedAt: string;
  @ApiProperty({ description: 'Times its effects were tried' }) attempts: number;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
}

export class StripeEventRetryDto {
  @ApiProperty() id: string;
  @ApiProperty() type: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ description: 'Its effects are applied now (by this retry, or by the job queue’s meanwhile)' }) processed: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) processedAt: string | null;
  @ApiProperty() attempts: number;
  @ApiProperty({ type: String, nullable: true, description: 'Why the retry failed; null when it worked' }) lastError: string | null;
}

export class JobQueueDto {
  @ApiProperty({ example: 'webhook.deliver' }) name: string;
  @ApiProperty({ description: 'Waiting to run: created, or failed and due for another try (delayed ones included)' }) queued: number;
  @ApiProperty({ description: 'Running now' }) active: number;
  @ApiProperty({ description: 'Out of retries, kept until pg-boss archives them' }) failed: number;
}
