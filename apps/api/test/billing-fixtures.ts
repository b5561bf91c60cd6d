import { expectStatus, type Headers, stripeSignature, V1, waitUntil } from '@plinth/testing';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { TestApp } from './harness';

/** Billing through the API as a customer drives it, and Stripe events as Stripe sends them. */

export const RETURN_URLS = {
  successUrl: 'http://localhost:3000/o/x/billing?checkout=success',
  cancelUrl: 'http://localhost:3000/o/x/billing',
};

export type SubscriptionView = Record<string, unknown> & { planTier: string; status: string };

export async function subscriptionOf(t: TestApp, auth: Headers): Promise<SubscriptionView> {
  return expectStatus(await t.http.get(`${V1}/billing/subscription`).set(auth), 200).body.data;
}

/** Waits until the organization's subscription (as its members see it) matches `expected`. */
export async function waitForSubscription(t: TestApp, auth: Headers, expected: Partial<SubscriptionView>): Promise<SubscriptionView> {
  let last: SubscriptionView | undefined;
  await waitUntil(`the subscription is ${JSON.stringify(expected)} (last: ${JSON.stringify(last)})`, async () => {
    last = await subscriptionOf(t, auth);
    return Object.entries(expected).every(([key, value]) => last?.[key] === value);
  });
  return last as SubscriptionView;
}

/** Waits until no sandbox event or grace check of `organizationId` is left to run. */
export async function sandboxEventsSent(t: TestApp, organizationId: string): Promise<void> {
  const db = t.app.get(DataSource);
  await waitUntil('the sandbox events are sent and grace checked', async () => {
    const [row] = await db.query(
      `SELECT count(*)::int AS pending FROM pgboss.job
        WHERE name IN ('billing.sandbox-event', 'billing.grace') AND state IN ('created', 'retry', 'active')
          AND data::text LIKE '%' || $1 || '%'`,
      [organizationId],
    );
    return row.pending === 0;
  });
}

export async function checkout(
  t: TestApp,
  auth: Headers,
  planTier = 'pro',
  billingCycle = 'monthly',
): Promise<{ sessionId: string; sessionUrl: string }> {
  return expectStatus(
    await t.http
      .post(`${V1}/billing/checkout`)
      .set(auth)
      .send({ planTier, billingCycle, ...RETURN_URLS }),
    201,
  ).body.data;
}

/** Checkout, paid in the sandbox; resolves once the events have been applied. */
export async function subscribe(t: TestApp, auth: Headers, organizationId: string, planTier = 'pro', billingCycle = 'monthly') {
  const { sessionId } = await checkout(t, auth, planTier, billingCycle);
  expectStatus(await t.http.post(`${V1}/billing/sandbox/checkout/${sessionId}/complete`).set(auth), 200);
  await sandboxEventsSent(t, organizationId);
  return subscriptionOf(t, auth);
}

export async function advanceClock(t: TestApp, auth: Headers, organizationId: string, advanceDays: number): Promise<void> {
  expectStatus(await t.http.post(`${V1}/billing/sandbox/clock`).set(auth).send({ advanceDays }), 200);
  await sandboxEventsSent(t, organizationId);
}

export async function cardOutcome(t: TestApp, auth: Headers, organizationId: string, outcome: 'succeeds' | 'fails'): Promise<void> {
  expectStatus(await t.http.post(`${V1}/billing/sandbox/card`).set(auth).send({ outcome }), 200);
  await sandboxEventsSent(t, organizationId);
}

/** A Stripe event for `object`, created `createdSeconds` (default now). */
export function stripeEvent(type: string, object: Record<string, unknown>, createdSeconds = Math.floor(Date.now() / 1000)) {
  return {
    id: `evt_${randomBytes(12).toString('hex')}`,
    object: 'event',
    type,
    created: createdSeconds,
    livemode: false,
    data: { object },
  };
}

/** Posts `event` to the webhook endpoint signed with the deployment's secret (at `signedAt`, seconds). */
export function postStripeEvent(
  t: TestApp,
  event: object,
  options: { signedAt?: number; secret?: string; signature?: string | null } = {},
) {
  const payload = JSON.stringify(event);
  const signature =
    options.signature !== undefined
      ? options.signature
      : stripeSignature(payload, options.secret ?? t.config.stripeWebhookSecret, options.signedAt);
  const request = t.http.post(`${V1}/webhooks/stripe`).set('Content-Type', 'application/json');
  return (signature === null ? request : request.set('Stripe-Signature', signature)).send(payload);
}
