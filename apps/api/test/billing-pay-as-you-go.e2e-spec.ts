import { ApiCallMeter } from '@plinth/quota';
import { createKey, expectStatus, uniqueEmail, V1 } from '@plinth/testing';
import { DataSource } from 'typeorm';
import { UsageReports } from '../src/modules/billing/usage-reports';
import { advanceClock, sandboxEventsSent, subscribe, subscriptionOf } from './billing-fixtures';
import { Session, signUp, startTestApp, TestApp } from './harness';

const STARTER_CALLS = 100_000;

/** API calls past the allowance: refused (402), or served, counted and billed through the metered price — once. */
describe('billing: pay as you go for API calls', () => {
  let t: TestApp;
  let db: DataSource;
  let me: Session;
  let key: string;

  beforeAll(async () => {
    t = await startTestApp({ AUTH_RATE_LIMIT_PER_IP: '100000', METER_FLUSH_INTERVAL_MS: '60000' });
    db = t.app.get(DataSource);
    me = await signUp(t.http, { email: uniqueEmail('payg-owner') });
    key = (await createKey(t, me.auth, 'viewer')).key;
  });
  afterAll(() => t.close());

  const setMode = (mode: string) => t.http.put(`${V1}/billing/api-calls-mode`).set(me.auth).send({ mode });
  const call = () => t.http.get(`${V1}/sites`).set('X-API-Key', key);
  const flush = () => t.app.get(ApiCallMeter).flush();
  const report = () => t.app.get(UsageReports).report(me.organizationId);
  const usageRecords = async () =>
    (
      await db.query(
        `SELECT id, (data->'payload'->>'value')::int AS value, (data->>'invoiced')::boolean AS invoiced FROM sandbox_billing_objects
          WHERE organization_id = $1 AND type = 'usage_record' ORDER BY created_at`,
        [me.organizationId],
      )
    ).map((row: { id: string; value: number; invoiced: boolean }) => ({ ...row, id: row.id.split(':').slice(1).join(':') }));
  const month = new Date().toISOString().slice(0, 7);

  it('is not offered without a live paid subscription (409)', async () => {
    const refused = await setMode('pay_as_you_go');
    expect(refused.status).toBe(409);
    expect((await subscriptionOf(t, me.auth)).apiCalls).toMatchObject({ mode: 'hard_limit', payAsYouGoAvailable: false });
  });

  it('refuses the call past the allowance with 402 while the limit is hard', async () => {
    await subscribe(t, me.auth, me.organizationId, 'starter', 'monthly');
    expect((await subscriptionOf(t, me.auth)).apiCalls).toEqual({
      mode: 'hard_limit',
      payAsYouGoAvailable: true,
      overageThisMonth: 0,
      centsPer1000: 20,
      overageAmountCents: 0,
    });
    await db.query(
      `INSERT INTO quota_usage (organization_id, dimension, scope_id, current, period_start)
       VALUES ($1, 'api_calls', '00000000-0000-0000-0000-000000000000', $2, date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')`,
      [me.organizationId, STARTER_CALLS - 1],
    );
    t.app.get(ApiCallMeter).forget(me.organizationId);
    expect((await call()).status).toBe(200);
    expect((await call()).status).toBe(402);
  });

  it('serves and counts the calls past the allowance once the owner turns pay as you go on', async () => {
    const response = expectStatus(await setMode('pay_as_you_go'), 200).body.data;
    expect(response.apiCalls).toMatchObject({ mode: 'pay_as_you_go' });
    for (let i = 0; i < 5; i++) expect((await call()).status).toBe(200);
    await flush();
    expect((await subscriptionOf(t, me.auth)).apiCalls).toMatchObject({ overageThisMonth: 5 });
    const [sub] = await db.query(`SELECT data FROM sandbox_billing_objects WHERE organization_id = $1 AND type = 'subscription'`, [
      me.organizationId,
    ]);
    expect(sub.data.items.data.map((item: { price: { id: string } }) => item.price.id)).toEqual([
      'price_sandbox_starter_monthly',
      'price_sandbox_api_calls_metered',
    ]);
    const [audit] = await db.query(
      `SELECT metadata FROM audit_logs WHERE organization_id = $1 AND action = 'billing.api_calls_mode_changed'`,
      [me.organizationId],
    );
    expect(audit.metadata).toEqual({ from: 'hard_limit', to: 'pay_as_you_go' });
  });

  it('reports the overage to the provider once, under an identifier that makes a resend a no-op', async () => {
    await report();
    await report();
    expect(await usageRecords()).toEqual([{ id: `${month}:5`, value: 5, invoiced: false }]);
    // A crash after the provider took the chunk, before it was marked: the same chunk goes again, and is dropped.
    await db.query('UPDATE usage_reports SET reported = 0 WHERE organization_id = $1', [me.organizationId]);
    await db.query('UPDATE usage_reports SET pending = 5 WHERE organization_id = $1', [me.organizationId]);
    await report();
    expect(await usageRecords()).toEqual([{ id: `${month}:5`, value: 5, invoiced: false }]);
    const [row] = await db.query('SELECT reported, pending FROM usage_reports WHERE organization_id = $1', [me.organizationId]);
    expect(row).toEqual({ reported: '5', pending: '5' });
  });

  it('bills the reported overage with the next renewal', async () => {
    await db.query(
      `UPDATE quota_usage SET overage = overage + 10000, current = current + 10000 WHERE organization_id = $1 AND dimension = 'api_calls'`,
      [me.organizationId],
    );
    await report();
    expect((await usageRecords()).map((r: { value: number }) => r.value)).toEqual([5, 10_000]);
    await advanceClock(t, me.auth, me.organizationId, 45);
    const invoices = expectStatus(await t.http.get(`${V1}/billing/invoices`).set(me.auth), 200).body.data;
    // The trial's end: Starter ($29) plus 10,005 calls at $0.20 per 1,000 ($2.00).
    expect(invoices[invoices.length - 1]).toMatchObject({ amountCents: 2_900 + 200, status: 'paid' });
    expect((await usageRecords()).every((r: { invoiced: boolean }) => r.invoiced)).toBe(true);
  });

  it('refuses calls past the allowance again when the owner turns it off, and when the subscription ends', async () => {
    expectStatus(await setMode('hard_limit'), 200);
    expect((await call()).status).toBe(402);
    expectStatus(await setMode('pay_as_you_go'), 200);
    expect((await call()).status).toBe(200);
    expectStatus(await t.http.post(`${V1}/billing/cancel`).set(me.auth).send({ cancelAtPeriodEnd: false }), 200);
    await sandboxEventsSent(t, me.organizationId);
    expect((await subscriptionOf(t, me.auth)).apiCalls).toMatchObject({ mode: 'hard_limit', payAsYouGoAvailable: false });
    expect((await call()).status).toBe(402);
  });
});
