import { Global, Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { DeliveryAttempts } from './delivery-attempts';
import { EndpointHealth } from './endpoint-health';
import { EndpointLocksBeforeDeletion } from './endpoint-locks-before-deletion';
import { QuotaExceededEvents } from './quota-exceeded-events';
import { WebhookClock } from './webhook-clock';
import { WebhookDeliveriesService } from './webhook-deliveries.service';
import { WebhookDeliveryWorker } from './webhook-delivery.worker';
import { WebhookEndpointsController } from './webhook-endpoints.controller';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { WebhookJobs } from './webhook-jobs';
import { WebhookOutbox } from './webhook-outbox';
import { WebhookSender } from './webhook-sender';
import { WebhooksExport } from './webhooks-export';

/**
 * Outgoing webhooks (Standard Webhooks): endpoints with event filters and
 * signing secrets, the outbox every feature writes its events to in its own
 * unit of work (global, so any module can), and delivery by the job queue.
 */
@Global()
@Module({
  imports: [MembersModule, OrganizationsModule],
  controllers: [WebhookEndpointsController],
  providers: [
    WebhookClock,
    WebhookOutbox,
    WebhookJobs,
    WebhookSender,
    WebhookEndpointsService,
    WebhookDeliveriesService,
    DeliveryAttempts,
    EndpointHealth,
    EndpointLocksBeforeDeletion,
    WebhookDeliveryWorker,
    QuotaExceededEvents,
    WebhooksExport,
  ],
  exports: [WebhookOutbox, WebhookDeliveriesService],
})
export class WebhooksModule {}
