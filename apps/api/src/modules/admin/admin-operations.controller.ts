import { Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Page } from '../../common/envelope.interceptor';
import { ApiEndpoint } from '../../common/openapi.decorators';
import { PageQueryDto } from '../../common/pagination';
import { Origin, RequestOrigin } from '../../common/request-origin.decorator';
import { ParseIdPipe } from '../../common/request-params';
import type { AuthenticatedUser } from '../auth/access-token';
import { CurrentUser } from '../auth/current-user.decorator';
import { WebhookDeliveryDto } from '../webhooks/dto/webhook-deliveries.dto';
import { AdminJobQueuesService } from './admin-job-queues.service';
import { AdminWebhookDeliveriesService } from './admin-webhook-deliveries.service';
import { FailedWebhookDeliveryDto, JobQueueDto } from './dto/admin-operations.dto';
import { PlatformAdmin } from './platform-admin.guard';

/** What needs a platform admin's hand across organizations: failed deliveries and the job queues (billing's: AdminBillingController). */
@ApiTags('admin')
@Controller('admin')
export class AdminOperationsController {
  constructor(
    private readonly deliveries: AdminWebhookDeliveriesService,
    private readonly queues: AdminJobQueuesService,
  ) {}

  @Get('webhook-deliveries/failed')
  @PlatformAdmin()
  @ApiEndpoint({
    summary: 'Outgoing webhook deliveries that ran out of retries, in every organization, most recent failure first (platform admins)',
    response: FailedWebhookDeliveryDto,
    paginated: true,
    errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN'],
  })
  failedDeliveries(@Query() query: PageQueryDto): Promise<Page<FailedWebhookDeliveryDto>> {
    return this.deliveries.listFailed(query);
  }

  @Post('webhook-deliveries/:id/retry')
  @PlatformAdmin()
  @ApiEndpoint({
    summary: 'Send a delivery again: the organization’s own replay (same webhook-id and body, fresh retries), audited in its log',
    description:
      '409 when its endpoint is disabled; 402 when the organization’s plan no longer includes webhooks. The attempt itself happens on the job queue: read its state from the organization’s delivery log.',
    response: WebhookDeliveryDto,
    status: 200,
    errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'PLAN_FEATURE_UNAVAILABLE'],
  })
  retryDelivery(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('id', ParseIdPipe) deliveryId: string,
    @Origin() origin: RequestOrigin,
  ): Promise<WebhookDeliveryDto> {
    return this.deliveries.retry(caller, deliveryId, origin);
  }

  @Get('job-queues')
  @PlatformAdmin()
  @ApiEndpoint({
    summary: 'The job queues by name, with their queued, active and failed jobs (platform admins)',
    response: JobQueueDto,
    paginated: true,
    errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN'],
  })
  jobQueues(@Query() query: PageQueryDto): Promise<Page<JobQueueDto>> {
    return this.queues.list(query);
  }
}
