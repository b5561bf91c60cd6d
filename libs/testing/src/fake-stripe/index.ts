export { FakeStripe, type FakeStripeRequest } from './server';
export type { FakeStripeOptions } from './state';
export type { SignedEvent } from './webhooks';
export type {
  FakePrice,
  StripeCheckoutSession,
  StripeCustomer,
  StripeEvent,
  StripeInvoice,
  StripeInvoiceLine,
  StripePortalSession,
  StripeSubscription,
  StripeSubscriptionItem,
} from './objects';
