import { boolean, type FormParams, type FormValue, hash, integer, list, map, oneOf, read, type Shape, string } from './params';
import type { ListStatus, RequestOrigin, StripeState } from './state';

/** An endpoint: exactly the parameters Plinth sends; anything else is Stripe's `parameter_unknown`. */
export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  /** `:id` matches one path segment. */
  path: string;
  params: Shape;
  required?: string[];
  handle: (stripe: StripeState, params: FormParams, call: { id: string; origin: RequestOrigin }) => object;
}

const nested = (value: FormValue | undefined): FormParams => (value && typeof value === 'object' && !Array.isArray(value) ? value : {});
const items = (value: FormValue | undefined): FormParams[] => (Array.isArray(value) ? value.map(nested) : []);

const SUBSCRIPTION_STATUSES = [
  'active',
  'all',
  'canceled',
  'ended',
  'incomplete',
  'incomplete_expired',
  'past_due',
  'paused',
  'trialing',
  'unpaid',
];

export const ROUTES: Route[] = [
  {
    method: 'POST',
    path: '/v1/customers',
    params: hash({ email: string, name: string, metadata: map }),
    handle: (stripe, p) =>
      stripe.createCustomer({ email: read.string(p.email), name: read.string(p.name), metadata: read.map(p.metadata) }),
  },
  {
    method: 'POST',
    path: '/v1/checkout/sessions',
    params: hash({
      mode: oneOf('subscription'),
      customer: string,
      client_reference_id: string,
      metadata: map,
      line_items: list(hash({ price: string, quantity: integer })),
      subscription_data: hash({ metadata: map, trial_period_days: integer }),
      success_url: string,
      cancel_url: string,
      billing_address_collection: oneOf('auto', 'required'),
      allow_promotion_codes: boolean,
      automatic_tax: hash({ enabled: boolean }),
      customer_update: hash({ address: oneOf('auto', 'never'), name: oneOf('auto', 'never') }),
    }),
    required: ['mode', 'line_items'],
    handle: (stripe, p) =>
      stripe.createCheckoutSession({
        customer: read.string(p.customer),
        clientReferenceId: read.string(p.client_reference_id),
        metadata: read.map(p.metadata),
        lineItems: items(p.line_items).map((item) => ({ price: read.string(item.price), quantity: read.integer(item.quantity) })),
        subscriptionData: {
          metadata: read.map(nested(p.subscription_data).metadata),
          trialDays: read.integer(nested(p.subscription_data).trial_period_days),
        },
        successUrl: read.string(p.success_url),
        cancelUrl: read.string(p.cancel_url),
        billingAddressCollection: read.string(p.billing_address_collection) as 'auto' | 'required' | null,
        allowPromotionCodes: read.boolean(p.allow_promotion_codes),
        automaticTax: read.boolean(nested(p.automatic_tax).enabled) ?? false,
      }),
  },
  {
    method: 'POST',
    path: '/v1/billing_portal/sessions',
    params: hash({ customer: string, return_url: string }),
    required: ['customer'],
    handle: (stripe, p) => stripe.createPortalSession(read.string(p.customer) ?? '', read.string(p.return_url)),
  },
  {
    method: 'GET',
    path: '/v1/subscriptions',
    params: hash({ status: oneOf(...SUBSCRIPTION_STATUSES), limit: integer, starting_after: string }),
    handle: (stripe, p) =>
      stripe.listSubscriptions({
        status: read.string(p.status) as ListStatus | null,
        limit: read.integer(p.limit),
        startingAfter: read.string(p.starting_after),
      }),
  },
  {
    method: 'GET',
    path: '/v1/subscriptions/:id',
    params: hash({}),
    handle: (stripe, _p, { id }) => stripe.retrieveSubscription(id),
  },
  {
    method: 'POST',
    path: '/v1/subscriptions/:id',
    params: hash({ cancel_at_period_end: boolean }),
    handle: (stripe, p, { id, origin }) => stripe.updateSubscription(id, read.boolean(p.cancel_at_period_end), origin),
  },
  {
    method: 'DELETE',
    path: '/v1/subscriptions/:id',
    params: hash({}),
    handle: (stripe, _p, { id, origin }) => stripe.cancelSubscription(id, origin),
  },
  {
    method: 'GET',
    path: '/v1/subscription_items',
    params: hash({ subscription: string, limit: integer }),
    required: ['subscription'],
    handle: (stripe, p) => stripe.listSubscriptionItems({ subscription: read.string(p.subscription) ?? '', limit: read.integer(p.limit) }),
  },
  {
    method: 'POST',
    path: '/v1/subscription_items',
    params: hash({ subscription: string, price: string }),
    required: ['subscription', 'price'],
    handle: (stripe, p, { origin }) =>
      stripe.createSubscriptionItem({ subscription: read.string(p.subscription) ?? '', price: read.string(p.price) ?? '' }, origin),
  },
  {
    method: 'GET',
    path: '/v1/prices/:id',
    params: hash({}),
    handle: (stripe, _p, { id }) => stripe.retrievePrice(id),
  },
  {
    method: 'POST',
    path: '/v1/billing/meter_events',
    params: hash({
      event_name: string,
      identifier: string,
      timestamp: integer,
      payload: hash({ stripe_customer_id: string, value: string }),
    }),
    required: ['event_name', 'payload'],
    handle: (stripe, p) =>
      stripe.createMeterEvent({
        eventName: read.string(p.event_name) ?? '',
        identifier: read.string(p.identifier),
        timestamp: read.integer(p.timestamp),
        customer: read.string(nested(p.payload).stripe_customer_id),
        value: read.string(nested(p.payload).value),
      }),
  },
];

/** The route for `method path`, and the `:id` it names. */
export function routeFor(method: string, path: string): { route: Route; id: string } | null {
  const segments = path.split('/');
  for (const route of ROUTES) {
    const pattern = route.path.split('/');
    if (route.method !== method || pattern.length !== segments.length) continue;
    const fits = pattern.every((part, index) => part === ':id' || part === segments[index]);
    if (fits) return { route, id: decodeURIComponent(segments[pattern.indexOf(':id')] ?? '') };
  }
  return null;
}
