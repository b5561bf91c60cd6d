import { PipeTransform } from '@nestjs/common';
import { ValidationFailedError } from '@plinth/tenancy';

const STRIPE_EVENT_ID = /^evt_[A-Za-z0-9_]{1,255}$/;

/** A Stripe event id (`evt_…`), the ledger's key; anything else is a 400, never a lookup. */
export class ParseStripeEventIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (STRIPE_EVENT_ID.test(value)) return value;
    throw new ValidationFailedError('Invalid request: id', [
      { field: 'id', problems: ['id must be a Stripe event id such as evt_1Q2w3E4r5T6y7U8i'] },
    ]);
  }
}
