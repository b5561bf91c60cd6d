import { Injectable, PipeTransform } from '@nestjs/common';
import { ValidationFailedError } from '@plinth/tenancy';

/** A checkout session id as Stripe shapes them: `cs_` and letters and digits. */
@Injectable()
export class ParseCheckoutSessionIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^cs_[A-Za-z0-9_]{1,200}$/.test(value)) {
      throw new ValidationFailedError('Invalid request: sessionId', [{ field: 'sessionId', problems: ['sessionId must look like cs_…'] }]);
    }
    return value;
  }
}
