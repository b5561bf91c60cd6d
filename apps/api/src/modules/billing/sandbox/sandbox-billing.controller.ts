import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { BillingProvider, SandboxBilling } from '@plinth/billing';
import { Authorize, TenantContext } from '@plinth/tenancy';
import { ApiEndpoint } from '../../../common/openapi.decorators';
import { SandboxCardDto, SandboxCheckoutCompletedDto, SandboxClockDto, SandboxStateDto } from '../dto/sandbox.dto';
import { GraceChecks } from '../grace-checks';
import { ParseCheckoutSessionIdPipe } from './parse-checkout-session-id.pipe';

const ERRORS = ['VALIDATION_FAILED'] as const;

/** Drives the sandbox (mounted only in sandbox mode: without a Stripe key). */
@ApiTags('billing')
@Controller('billing/sandbox')
export class SandboxBillingController {
  constructor(
    private readonly provider: BillingProvider,
    private readonly grace: GraceChecks,
    private readonly tenant: TenantContext,
  ) {}

  @Get()
  @Authorize('billing:read')
  @ApiEndpoint({ summary: 'Sandbox only: the organization’s billing clock and card outcome', response: SandboxStateDto })
  state(): Promise<SandboxStateDto> {
    return this.tenant.transaction(async (tx) => present(await this.sandbox.state(tx)));
  }

  @Post('checkout/:sessionId/complete')
  @Authorize('billing:manage', { signedIn: true })
  @ApiEndpoint({
    summary: 'Sandbox only: pay a sandbox checkout; its events reach POST /webhooks/stripe signed, like Stripe’s',
    response: SandboxCheckoutCompletedDto,
    errors: [...ERRORS, 'NOT_FOUND', 'CONFLICT'],
  })
  complete(@Param('sessionId', ParseCheckoutSessionIdPipe) sessionId: string): Promise<SandboxCheckoutCompletedDto> {
    return this.tenant.transaction((tx) => this.sandbox.completeCheckout(tx, sessionId));
  }

  @Post('card')
  @Authorize('billing:manage', { signedIn: true })
  @ApiEndpoint({ summary: 'Sandbox only: how the organization’s later charges end', response: SandboxStateDto, errors: [...ERRORS] })
  card(@Body() dto: SandboxCardDto): Promise<SandboxStateDto> {
    return this.tenant.transaction(async (tx) => present(await this.sandbox.setCardOutcome(tx, dto.outcome)));
  }

  @Post('clock')
  @Authorize('billing:manage', { signedIn: true })
  @ApiEndpoint({
    summary: 'Sandbox only: move the organization’s billing clock forward',
    description:
      'Trial ends, renewals (charged per the card outcome), cancellations at period end and grace expiry happen as they would have.',
    response: SandboxStateDto,
    errors: [...ERRORS],
  })
  clock(@Body() dto: SandboxClockDto): Promise<SandboxStateDto> {
    return this.tenant.transaction(async (tx) => {
      const state = await this.sandbox.advanceClock(tx, dto.advanceDays);
      await this.grace.checkSoon(tx);
      return present(state);
    });
  }

  private get sandbox(): SandboxBilling {
    return this.provider as SandboxBilling;
  }
}

function present(state: { now: Date; cardOutcome: SandboxStateDto['cardOutcome'] }): SandboxStateDto {
  return { now: state.now.toISOString(), cardOutcome: state.cardOutcome };
}
