import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Authorize, TenantContext } from '@plinth/tenancy';
import type { Page } from '../../common/envelope.interceptor';
import { ApiEndpoint } from '../../common/openapi.decorators';
import { PageQueryDto } from '../../common/pagination';
import { ParseIdPipe } from '../../common/request-params';
import { ListDeliveriesQueryDto, TestDeliveryDto, WebhookDeliveryDto } from './dto/webhook-deliveries.dto';
import {
  CreateWebhookEndpointDto,
  UpdateWebhookEndpointDto,
  WebhookEndpointDto,
  WebhookEndpointWithSecretDto,
} from './dto/webhook-endpoints.dto';
import { WebhookDeliveriesService } from './webhook-deliveries.service';
import { WebhookEndpointsService } from './webhook-endpoints.service';

const ERRORS = ['VALIDATION_FAILED'] as const;
const SIGNING =
  'Deliveries follow Standard Webhooks: `webhook-id` (the event id, the same on every attempt), `webhook-timestamp` and ' +
  '`webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">` keyed with the secret (base64 after `whsec_`). ' +
  'The body is `{ id, type, organizationId, createdAt, data }`. A 2xx within 10 s is a success; otherwise the ' +
  'delivery is retried with jittered exponential backoff, 8 attempts over about a day.';

@ApiTags('webhooks')
@Controller('webhook-endpoints')
export class WebhookEndpointsController {
  constructor(
    private readonly endpoints: WebhookEndpointsService,
    private readonly deliveries: WebhookDeliveriesService,
    private readonly tenant: TenantContext,
  ) {}

  @Post()
  @Authorize('webhooks:manage', { signedIn: true })
  @ApiEndpoint({
    summary: 'Create a webhook endpoint (Pro and Enterprise); its signing secret is shown once',
    description: SIGNING,
    response: WebhookEndpointWithSecretDto,
    status: 201,
    errors: [...ERRORS, 'PLAN_FEATURE_UNAVAILABLE', 'CONFLICT'],
  })
  create(@Body() dto: CreateWebhookEndpointDto): Promise<WebhookEndpointWithSecretDto> {
    return this.endpoints.create(this.tenant, dto);
  }

  @Get()
  @Authorize('webhooks:manage')
  @ApiEndpoint({
    summary: 'The organization’s webhook endpoints, newest first (never a secret)',
    response: WebhookEndpointDto,
    paginated: true,
    errors: [...ERRORS],
  })
  list(@Query() page: PageQueryDto): Promise<Page<WebhookEndpointDto>> {
    return this.endpoints.list(this.tenant, page);
  }

  @Get(':id')
  @Authorize('webhooks:manage')
  @ApiEndpoint({ summary: 'One webhook endpoint (never its secret)', response: WebhookEndpointDto, errors: [...ERRORS, 'NOT_FOUND'] })
  get(@Param('id', ParseIdPipe) endpointId: string): Promise<WebhookEndpointDto> {
    return this.endpoints.get(this.tenant, endpointId);
  }

  @Patch(':id')
  @Authorize('webhooks:manage')
  @ApiEndpoint({
    summary: 'Change a webhook endpoint’s URL, events or description, or disable and enable it',
    response: WebhookEndpointDto,
    errors: [...ERRORS, 'NOT_FOUND'],
  })
  update(@Param('id', ParseIdPipe) endpointId: string, @Body() dto: UpdateWebhookEndpointDto): Promise<WebhookEndpointDto> {
    return this.endpoints.update(this.tenant, endpointId, dto);
  }

  @Delete(':id')
  @Authorize('webhooks:manage')
  @ApiEndpoint({
    summary: 'Delete a webhook endpoint with its deliveries; nothing more is sent to it',
    status: 204,
    errors: [...ERRORS, 'NOT_FOUND'],
  })
  async remove(@Param('id', ParseIdPipe) endpointId: string): Promise<void> {
    await this.endpoints.remove(this.tenant, endpointId);
  }

  @Post(':id/rotate-secret')
  @Authorize('webhooks:manage', { signedIn: true })
  @ApiEndpoint({
    summary: 'Rotate the signing secret: the new one is shown once; for 24 hours deliveries carry both signatures',
    response: WebhookEndpointWithSecretDto,
    status: 200,
    errors: [...ERRORS, 'NOT_FOUND'],
  })
  rotateSecret(@Param('id', ParseIdPipe) endpointId: string): Promise<WebhookEndpointWithSecretDto> {
    return this.endpoints.rotateSecret(this.tenant, endpointId);
  }

  @Get(':id/deliveries')
  @Authorize('webhooks:manage')
  @ApiEndpoint({
    summary: 'The endpoint’s deliveries, newest first, each with the log of its attempts',
    response: WebhookDeliveryDto,
    paginated: true,
    errors: [...ERRORS, 'NOT_FOUND'],
  })
  listDeliveries(@Param('id', ParseIdPipe) endpointId: string, @Query() query: ListDeliveriesQueryDto): Promise<Page<WebhookDeliveryDto>> {
    return this.deliveries.list(this.tenant, endpointId, query);
  }

  @Post(':id/test')
  @Authorize('webhooks:manage')
  @ApiEndpoint({
    summary: 'Send a `webhook.test` event to the endpoint now, whatever it subscribed to; Pro and Enterprise',
    response: TestDeliveryDto,
    status: 202,
    errors: [...ERRORS, 'NOT_FOUND', 'CONFLICT', 'PLAN_FEATURE_UNAVAILABLE'],
  })
  sendTest(@Param('id', ParseIdPipe) endpointId: string): Promise<TestDeliveryDto> {
    return this.deliveries.sendTest(this.tenant, endpointId);
  }

  @Post(':id/deliveries/:deliveryId/replay')
  @Authorize('webhooks:manage')
  @ApiEndpoint({
    summary: 'Send a delivery again now (same webhook-id and body, a fresh round of retries); Pro and Enterprise',
    response: WebhookDeliveryDto,
    status: 202,
    errors: [...ERRORS, 'NOT_FOUND', 'CONFLICT', 'PLAN_FEATURE_UNAVAILABLE'],
  })
  replay(@Param('id', ParseIdPipe) endpointId: string, @Param('deliveryId', ParseIdPipe) deliveryId: string): Promise<WebhookDeliveryDto> {
    return this.deliveries.replay(this.tenant, endpointId, deliveryId);
  }
}
