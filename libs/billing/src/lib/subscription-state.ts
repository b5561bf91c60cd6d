import type { PlanTier } from '@plinth/tenancy';
import type { ProviderSubscription, SubscriptionStatus } from './types';

/** Statuses in which a subscription still gives its plan (past due and unpaid: during the grace period). */
const LIVE: ReadonlySet<SubscriptionStatus> = new Set(['trialing', 'active', 'past_due', 'unpaid']);
const IN_GRACE: ReadonlySet<SubscriptionStatus> = new Set(['past_due', 'unpaid']);

export const isLive = (status: SubscriptionStatus | null): boolean => status !== null && LIVE.has(status);
export const isInGrace = (status: SubscriptionStatus | null): boolean => status !== null && IN_GRACE.has(status);

/** What Plinth last applied for an organization. */
export interface AppliedSubscription {
  subscriptionId: string | null;
  status: SubscriptionStatus | null;
  /** The provider time of that state, in whole seconds (an event's `created`, or when it was fetched). */
  syncedAt: Date | null;
}

/**
 * What to do with a subscription state seen in an event created `observed.at`,
 * or `fetched` from the provider:
 * - `apply` it;
 * - `stale`: older than what was applied;
 * - `confirm`: as old as what was applied (one-second resolution), so which came
 *   last is unknown: fetch the subscription from the provider and apply that;
 * - `ignore`: about another subscription than the live one (or a canceled
 *   subscription coming back, which Stripe never does).
 */
export type Verdict = 'apply' | 'stale' | 'confirm' | 'ignore';

export function judge(
  applied: AppliedSubscription,
  incoming: Pick<ProviderSubscription, 'id' | 'status'>,
  observed: { at: Date; fetched: boolean },
): Verdict {
  if (applied.subscriptionId !== null && applied.subscriptionId !== incoming.id) {
    return !isLive(applied.status) && isLive(incoming.status) ? 'apply' : 'ignore';
  }
  if (applied.status === 'canceled' && incoming.status !== 'canceled') return 'ignore';
  // What the provider answers when asked is its latest state.
  if (observed.fetched || applied.syncedAt === null) return 'apply';
  if (observed.at < applied.syncedAt) return 'stale';
  return observed.at.getTime() === applied.syncedAt.getTime() ? 'confirm' : 'apply';
}

/** The plan an organization has while its subscription is in `status` for a plan of `tier`. */
export function effectiveTier(status: SubscriptionStatus, tier: PlanTier | null): PlanTier {
  return isLive(status) && tier ? tier : 'free';
}

/** A provider timestamp at the resolution its events carry. */
export function wholeSeconds(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 1000) * 1000);
}
