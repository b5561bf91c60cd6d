import { StripeApiError } from './errors';
import { stripeId } from './objects';

/** A meter event as Stripe's v1 API answers it: `payload` holds strings, as sent. */
export interface StripeMeterEvent {
  object: 'billing.meter_event';
  created: number;
  event_name: string;
  identifier: string;
  livemode: false;
  payload: { stripe_customer_id: string; value: string };
  timestamp: number;
}

export interface MeterEventRequest {
  eventName: string;
  identifier: string | null;
  timestamp: number | null;
  customer: string | null;
  value: string | null;
}

const DAY = 24 * 3600;

/**
 * The account's billing meters (one an `event_name`, made for the metered
 * prices) and the meter events they received, each billed once. Refusals carry
 * the codes of Stripe's meter error reports; their wording is the fake's, but
 * for the duplicate's, which is Stripe's (see `duplicate`).
 */
export class Meters {
  private readonly ids = new Map<string, string>();
  /** In the order received; `invoiced` once a renewal billed it. */
  private readonly received: Array<{ event: StripeMeterEvent; invoiced: boolean }> = [];

  /** The id of the meter counting `eventName`, made on first use. */
  meterFor(eventName: string): string {
    const id = this.ids.get(eventName) ?? stripeId('mtr_test_');
    this.ids.set(eventName, id);
    return id;
  }

  events(): StripeMeterEvent[] {
    return structuredClone(this.received.map(({ event }) => event));
  }

  /** Keeps a valid event, or throws Stripe's 400 (nothing kept). */
  record(input: MeterEventRequest, customerExists: (id: string) => boolean, now: number): StripeMeterEvent {
    if (!this.ids.has(input.eventName)) {
      throw StripeApiError.invalid('event_name', `No active meter found for the event name '${input.eventName}'.`, 'no_meter');
    }
    if (!input.customer) {
      const message = 'Customer mapping key stripe_customer_id not found in payload.';
      throw StripeApiError.invalid('payload[stripe_customer_id]', message, 'meter_event_no_customer_defined');
    }
    if (!customerExists(input.customer)) {
      throw StripeApiError.invalid(
        'payload[stripe_customer_id]',
        `No such customer: '${input.customer}'`,
        'meter_event_customer_not_found',
      );
    }
    if (!input.value || !/^-?\d+$/.test(input.value)) {
      throw StripeApiError.invalid('payload[value]', 'The value in the payload must be a whole number.', 'meter_event_invalid_value');
    }
    const timestamp = input.timestamp ?? now;
    if (timestamp < now - 35 * DAY) {
      throw StripeApiError.invalid('timestamp', 'Timestamp must be no more than 35 days in the past.', 'timestamp_too_far_in_past');
    }
    if (timestamp > now + 5 * 60) {
      throw StripeApiError.invalid('timestamp', 'Timestamp must be no more than 5 minutes in the future.', 'timestamp_in_future');
    }
    const identifier = input.identifier ?? stripeId('mev_');
    if (this.received.some(({ event }) => event.identifier === identifier)) throw duplicate(identifier);
    const payload = { stripe_customer_id: input.customer, value: input.value };
    const event: StripeMeterEvent = {
      object: 'billing.meter_event',
      created: now,
      event_name: input.eventName,
      identifier,
      livemode: false,
      payload,
      timestamp,
    };
    this.received.push({ event, invoiced: false });
    return event;
  }

  /**
   * The usage `meter` counted for `customer` before `until` that no invoice
   * billed yet, from now on billed: the sum of the values, 0 if negative.
   */
  bill(meter: string | null, customer: string, until: number): number {
    const eventName = [...this.ids].find(([, id]) => id === meter)?.[0];
    let quantity = 0;
    for (const entry of this.received) {
      const { event } = entry;
      if (entry.invoiced || event.event_name !== eventName || event.payload.stripe_customer_id !== customer || event.timestamp >= until)
        continue;
      entry.invoiced = true;
      quantity += Number(event.payload.value);
    }
    return Math.max(0, quantity);
  }
}

/**
 * Stripe refuses an identifier it already holds (it enforces uniqueness for
 * at least 24 hours; the fake, for good) with a 400 `invalid_request_error`
 * whose only marker is the message: no `code`. A resend under the first
 * request's Idempotency-Key is replayed instead (server.ts), as Stripe does.
 */
function duplicate(identifier: string): StripeApiError {
  return new StripeApiError(400, 'invalid_request_error', `An event already exists with identifier ${identifier}.`);
}

const SCALE = 12n; // Stripe's decimals have at most 12 places

/** `quantity` units at `unitAmountDecimal` cents each, in whole cents (half up), computed exactly. */
export function usageCents(quantity: number, unitAmountDecimal: string): number {
  const [whole, fraction = ''] = unitAmountDecimal.split('.');
  const perUnit = BigInt(whole + fraction.padEnd(Number(SCALE), '0'));
  const one = 10n ** SCALE;
  return Number((perUnit * BigInt(quantity) + one / 2n) / one);
}
