export { FakeStripe, type FakeStripeRequest } from './server';
export type { FakeStripeOptions } from './state';
export type { SignedEvent } from './webhooks';
export { stripeSignature } from './webhooks';
export type { StripeMeterEvent } from './metering';
export type {
  FakePrice,
  StripeCheckoutSession,
  StripeCustomer,
  StripeEvent,
  StripePortalSession,
  StripePrice,
  StripeSubscription,
  StripeSubscriptionItem,
} from './objects';
export type { StripeInvoice, StripeInvoiceLine } from './invoices';
