import { Controller, Headers, Post, Req } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { InvalidSignatureError } from '@plinth/billing';
import { Public, ValidationFailedError } from '@plinth/tenancy';
import type { FastifyRequest } from 'fastify';
import { ApiEndpoint } from '../../../common/openapi.decorators';
import { WebhookReceiptDto } from '../dto/sandbox.dto';
import { StripeEventLedger } from './stripe-event-ledger';

@ApiTags('billing')
@Controller('webhooks/stripe')
export class StripeWebhooksController {
  constructor(private readonly ledger: StripeEventLedger) {}

  @Post()
  @Public()
  @ApiHeader({ name: 'Stripe-Signature', required: true, description: 'Stripe’s signature of the raw body' })
  @ApiEndpoint({
    summary: 'Stripe events (and the sandbox’s): verified, recorded once, applied',
    description:
      '400 on a missing, forged or stale (over 5 minutes) signature, nothing stored. A repeated event id: 200, nothing done again.',
    response: WebhookReceiptDto,
    status: 200,
    errors: ['VALIDATION_FAILED'],
  })
  async receive(
    @Req() request: FastifyRequest & { rawBody?: Buffer },
    @Headers('stripe-signature') signature?: string,
  ): Promise<WebhookReceiptDto> {
    try {
      const { duplicate } = await this.ledger.receive(request.rawBody ?? Buffer.alloc(0), signature);
      return { received: true, duplicate };
    } catch (error) {
      if (error instanceof InvalidSignatureError) {
        throw new ValidationFailedError('The Stripe signature is missing, forged or too old', [
          { field: 'Stripe-Signature', problems: [error.message] },
        ]);
      }
      throw error;
    }
  }
}
