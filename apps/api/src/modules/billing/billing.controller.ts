import { Body, Controller, Get, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Authorize, TenantContext } from '@plinth/tenancy';
import type { Page } from '../../common/envelope.interceptor';
import { ApiEndpoint } from '../../common/openapi.decorators';
import { BillingService } from './billing.service';
import {
  ApiCallsModeDto,
  CancelRequestDto,
  CheckoutRequestDto,
  CheckoutSessionDto,
  InvoiceDto,
  InvoiceQueryDto,
  PortalDto,
  PortalRequestDto,
  SubscriptionDto,
} from './dto/billing.dto';
import { InvoicesService } from './invoices.service';

@ApiTags('billing')
@Controller('billing')
export class BillingController {
  constructor(
    private readonly billing: BillingService,
    private readonly invoices: InvoicesService,
    private readonly tenant: TenantContext,
  ) {}

  @Get('subscription')
  @Authorize()
  @ApiEndpoint({ summary: 'The organization’s plan and subscription', response: SubscriptionDto })
  subscription(): Promise<SubscriptionDto> {
    return this.billing.subscription(this.tenant);
  }

  @Post('checkout')
  @Authorize('billing:manage', { signedIn: true })
  @ApiEndpoint({
    summary: 'Open a checkout for a paid plan (an organization’s first subscription starts with the plan’s trial)',
    description: '409 while a paid subscription is live: change it in the billing portal. Enterprise is arranged with sales.',
    response: CheckoutSessionDto,
    status: 201,
    errors: ['VALIDATION_FAILED', 'CONFLICT', 'SERVICE_UNAVAILABLE'],
  })
  checkout(@Body() dto: CheckoutRequestDto): Promise<CheckoutSessionDto> {
    return this.billing.checkout(this.tenant, dto);
  }

  @Post('portal')
  @Authorize('billing:manage', { signedIn: true })
  @ApiEndpoint({
    summary: 'Open the billing portal: payment method, plan changes, invoices, cancellation',
    response: PortalDto,
    errors: ['VALIDATION_FAILED', 'CONFLICT', 'SERVICE_UNAVAILABLE'],
  })
  portal(@Body() dto: PortalRequestDto): Promise<PortalDto> {
    return this.billing.portal(this.tenant, dto);
  }

  @Post('cancel')
  @Authorize('billing:manage', { signedIn: true })
  @ApiEndpoint({
    summary: 'Cancel the subscription, at the end of the period or now; then the Free plan applies',
    response: SubscriptionDto,
    errors: ['VALIDATION_FAILED', 'CONFLICT', 'SERVICE_UNAVAILABLE'],
  })
  cancel(@Body() dto: CancelRequestDto): Promise<SubscriptionDto> {
    return this.billing.cancel(this.tenant, dto);
  }

  @Put('api-calls-mode')
  @Authorize('billing:manage', { signedIn: true })
  @ApiEndpoint({
    summary: 'API calls past the allowance: refused with 402 (hard_limit), or served and billed per 1,000 (pay_as_you_go)',
    description: 'Pay as you go needs a live Starter or Pro subscription and a metered price (always offered in the sandbox).',
    response: SubscriptionDto,
    errors: ['VALIDATION_FAILED', 'CONFLICT', 'SERVICE_UNAVAILABLE'],
  })
  setApiCallsMode(@Body() dto: ApiCallsModeDto): Promise<SubscriptionDto> {
    return this.billing.setApiCallsMode(this.tenant, dto);
  }

  @Get('invoices')
  @Authorize('billing:read')
  @ApiEndpoint({ summary: 'Invoices, newest first', response: InvoiceDto, paginated: true, errors: ['VALIDATION_FAILED'] })
  list(@Query() query: InvoiceQueryDto): Promise<Page<InvoiceDto>> {
    return this.invoices.list(this.tenant, query);
  }
}
