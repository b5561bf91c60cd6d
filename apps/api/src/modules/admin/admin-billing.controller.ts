import { Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import type { Page } from '../../common/envelope.interceptor';
import { ApiEndpoint } from '../../common/openapi.decorators';
import { PageQueryDto } from '../../common/pagination';
import { Origin, RequestOrigin } from '../../common/request-origin.decorator';
import type { AuthenticatedUser } from '../auth/access-token';
import { CurrentUser } from '../auth/current-user.decorator';
import { BillingMetrics } from '../billing/billing-metrics';
import { BillingReconciler } from '../billing/billing-reconciler';
import { BillingMetricsDto, BillingMetricsQueryDto, ReconciliationDto } from '../billing/dto/billing-metrics.dto';
import { AdminStripeEventsService } from './admin-stripe-events.service';
import { FailedStripeEventDto, StripeEventRetryDto } from './dto/admin-operations.dto';
import { ParseStripeEventIdPipe } from './parse-stripe-event-id.pipe';
import { PlatformAdmin } from './platform-admin.guard';

/** The platform admin's billing routes: registered only with billing (multi-tenant mode). */
@ApiTags('admin')
@Controller('admin')
export class AdminBillingController {
  constructor(
    private readonly reconciler: BillingReconciler,
    private readonly metrics: BillingMetrics,
    private readonly stripeEvents: AdminStripeEventsService,
  ) {}

  @Post('sync-stripe')
  @PlatformAdmin()
  @ApiEndpoint({
    summary: 'Reconcile every subscription with the payment provider now, repairing drift (audited in each organization’s log)',
    response: ReconciliationDto,
    status: 200,
    errors: ['UNAUTHENTICATED', 'FORBIDDEN'],
  })
  syncStripe(): Promise<ReconciliationDto> {
    return this.reconciler.reconcile();
  }

  @Get('metrics/billing')
  @PlatformAdmin()
  @ApiEndpoint({
    summary: 'MRR, subscriptions by status, trial conversion, churn and payment success over a period, from Plinth’s own tables',
    response: BillingMetricsDto,
    errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN'],
  })
  billingMetrics(@Query() query: BillingMetricsQueryDto): Promise<BillingMetricsDto> {
    return this.metrics.over(query);
  }

  @Get('stripe-events/failed')
  @PlatformAdmin()
  @ApiEndpoint({
    summary:
      'Stripe events whose effects failed and are not applied yet (the job queue keeps retrying them), newest first (platform admins)',
    response: FailedStripeEventDto,
    paginated: true,
    errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN'],
  })
  failedStripeEvents(@Query() query: PageQueryDto): Promise<Page<FailedStripeEventDto>> {
    return this.stripeEvents.listFailed(query);
  }

  @Post('stripe-events/:id/retry')
  @PlatformAdmin()
  @ApiParam({ name: 'id', description: 'The Stripe event id (`evt_…`)' })
  @ApiEndpoint({
    summary: 'Apply an unapplied Stripe event now, through the ledger’s retry; audited in its organization’s log',
    description:
      'Answers 200 whether the effects applied (`processed: true`) or failed again (`processed: false`, `lastError` says why; the job queue keeps retrying). 409 when it is applied already.',
    response: StripeEventRetryDto,
    status: 200,
    errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  })
  retryStripeEvent(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('id', ParseStripeEventIdPipe) eventId: string,
    @Origin() origin: RequestOrigin,
  ): Promise<StripeEventRetryDto> {
    return this.stripeEvents.retry(caller, eventId, origin);
  }
}
