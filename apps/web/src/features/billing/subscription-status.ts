import type { Subscription } from './billing-queries';

type SubscriptionStatus = Subscription['status'];

interface StatusLook {
  label: string;
  color: string;
  /**
   * The subscription still runs (and a new checkout would be refused with 409).
   * The API's own rule (libs/billing isLive); the subscription does not say it.
   */
  live: boolean;
}

/** `Record` over the contract's statuses: the build fails when the API adds one without a look here. */
const STATUSES: Record<SubscriptionStatus, StatusLook> = {
  trialing: { label: 'Trial', color: 'blue', live: true },
  active: { label: 'Active', color: 'teal', live: true },
  past_due: { label: 'Payment failed', color: 'orange', live: true },
  unpaid: { label: 'Unpaid', color: 'red', live: true },
  canceled: { label: 'Canceled', color: 'gray', live: false },
  incomplete: { label: 'Incomplete', color: 'yellow', live: false },
  incomplete_expired: { label: 'Expired', color: 'gray', live: false },
  paused: { label: 'Paused', color: 'gray', live: false },
};

export function statusLook(status: SubscriptionStatus): StatusLook {
  return STATUSES[status];
}

/** A never-subscribed organization reads `active` too; only a subscription with a provider id is one. */
export function hasSubscription(subscription: Subscription): boolean {
  return subscription.stripeSubscriptionId !== null;
}

/** A subscription that runs: change it in the portal rather than with a new checkout. */
export function isLive(subscription: Subscription): boolean {
  return hasSubscription(subscription) && STATUSES[subscription.status].live;
}

/** A failed payment: the plan keeps working until `graceEndsAt`, then the organization is on Free. */
export function isInGrace(subscription: Subscription): boolean {
  return isLive(subscription) && (subscription.status === 'past_due' || subscription.status === 'unpaid');
}
