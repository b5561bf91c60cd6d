import { createHmac } from 'node:crypto';
import type { StripeEvent } from './objects';

export interface SignedEvent {
  /** The body Stripe POSTs: the event as pretty-printed JSON. */
  payload: string;
  /** The `Stripe-Signature` header. */
  signature: string;
}

/**
 * Signs `event` with Stripe's webhook scheme (v1): `t=<unix seconds>,v1=<hex
 * HMAC-SHA256 of "<t>.<payload>" keyed by the endpoint secret>`. Written here
 * from the scheme, not with the SDK, so a verifier is checked against an
 * independent signer. `timestamp` (Unix seconds) defaults to now.
 */
export function signEvent(event: StripeEvent, options: { secret: string; timestamp?: number }): SignedEvent {
  const payload = JSON.stringify(event, null, 2);
  return { payload, signature: stripeSignature(payload, options.secret, options.timestamp) };
}

/** The `Stripe-Signature` header for `payload` as sent. */
export function stripeSignature(payload: string, secret: string, timestamp = Math.floor(Date.now() / 1000)): string {
  const digest = createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex');
  return `t=${timestamp},v1=${digest}`;
}
