// POST /api/v1/webhooks/stripe under load: signed customer.subscription.updated
// events, 10 connections for 10 s, every event sent twice (the second copy
// often while the first is still in flight), spread over 20 organizations.
// Prints events/s and latency for three rounds alternated with the same
// statements through pgbench (the floor), and how many events were applied
// twice (events with more than one audit entry of the change they made): it must be 0.
// Usage (the secret must be the one the API checks with):
//   STRIPE_WEBHOOK_SECRET=whsec_bench npm start
//   STRIPE_WEBHOOK_SECRET=whsec_bench node tools/bench/stripe-webhooks.mjs
import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { alternate, databaseUrl, pgbench, range, run, signUp } from './lib.mjs';

const secret = process.env.STRIPE_WEBHOOK_SECRET;
if (!secret) throw new Error('Set STRIPE_WEBHOOK_SECRET, the same for the API and this script');
const ORGANIZATIONS = 20;

const organizations = [];
for (let i = 0; i < ORGANIZATIONS; i++) organizations.push((await signUp()).organization.id);

// Each organization's events carry increasing timestamps (each is newer than the last applied) and flip cancel_at_period_end.
const sequence = new Map(organizations.map((id) => [id, 0]));
const base = Math.floor(Date.now() / 1000);
function nextEvent() {
  const organizationId = organizations[Math.floor(Math.random() * organizations.length)];
  const n = sequence.get(organizationId) + 1;
  sequence.set(organizationId, n);
  const start = base - 86_400;
  const subscription = {
    id: `sub_bench${organizationId.slice(0, 8)}`,
    object: 'subscription',
    customer: `cus_bench${organizationId.slice(0, 8)}`,
    status: 'active',
    cancel_at_period_end: n % 2 === 0,
    trial_end: null,
    metadata: { organizationId },
    items: {
      object: 'list',
      data: [
        {
          price: { id: 'price_sandbox_pro_monthly', unit_amount: 9_900, currency: 'usd', recurring: { interval: 'month' } },
          current_period_start: start,
          current_period_end: start + 30 * 86_400,
        },
      ],
    },
  };
  const event = {
    id: `evt_${randomUUID().replaceAll('-', '')}`,
    object: 'event',
    type: 'customer.subscription.updated',
    created: base + n,
  };
  return JSON.stringify({ ...event, livemode: false, data: { object: subscription } });
}

function signed(payload) {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex');
  return { 'content-type': 'application/json', 'stripe-signature': `t=${timestamp},v1=${signature}` };
}

// Every event twice: the next request repeats the last new one, then a new one follows.
let repeat = null;
function setupRequest(request) {
  const body = repeat ?? nextEvent();
  repeat = repeat ? null : body;
  return { ...request, method: 'POST', body, headers: signed(body) };
}

/** The same JSON with a space after every colon: pgbench would read `":false` as a `:false` variable. */
const spaced = (json) => JSON.stringify(JSON.parse(json), null, 1).replaceAll('\n', ' ');

const dir = mkdtempSync(join(tmpdir(), 'plinth-webhook-floor-'));
const floorScripts = organizations.map((organizationId, i) => {
  const literal = (value) => `'${String(value).replaceAll("'", "''")}'`;
  const org = literal(organizationId);
  const statements = [
    `SELECT id AS organization_id FROM organizations WHERE id = ${org};`,
    'BEGIN;',
    `SELECT r.*, set_config('app.organization_id', r.organization_id::text, true), set_config('role', 'plinth_app', true)
       FROM (SELECT id AS organization_id, slug, plan_tier FROM organizations WHERE id = ${org}) r;`,
    `INSERT INTO stripe_events (id, organization_id, type, created_at, payload, processed_at, attempts)
       VALUES ('evt_' || gen_random_uuid(), ${org}, 'customer.subscription.updated', now(), ${literal(spaced(nextEvent()))}, now(), 1)
       ON CONFLICT (id) DO NOTHING RETURNING id;`,
    `INSERT INTO subscriptions (organization_id) VALUES (${org}) ON CONFLICT DO NOTHING;`,
    `SELECT * FROM subscriptions WHERE organization_id = ${org} FOR UPDATE;`,
    `UPDATE subscriptions SET cancel_at_period_end = NOT cancel_at_period_end, synced_at = now(), updated_at = now() WHERE organization_id = ${org};`,
    `SELECT plan_tier FROM organizations WHERE id = ${org};`,
    `INSERT INTO audit_logs (organization_id, action, actor_type, target_type, target_id, metadata)
       VALUES (${org}, 'bench.floor', 'system', 'subscription', 'sub_floor', '{"cause":"customer.subscription.updated"}');`,
    'COMMIT;',
  ];
  const file = join(dir, `webhook-${i}.sql`);
  writeFileSync(file, `${statements.map((s) => s.replaceAll('\n', ' ')).join('\n')}\n`);
  return file;
});

const results = await alternate(3, {
  'webhook, each event twice': (label) => run(label, { path: '/api/v1/webhooks/stripe', requests: [{ setupRequest }] }),
  'floor: the same statements through pgbench': (label) => pgbench(label, floorScripts),
});
for (const [label, lines] of Object.entries(results)) {
  const keys = lines[0].tps !== undefined ? ['tps', 'latencyMs'] : ['reqPerSec', 'p50ms', 'p95ms', 'p99ms'];
  console.log(JSON.stringify({ label, ...Object.fromEntries(keys.map((key) => [key, range(lines, key)])) }));
}
const fractions = results['webhook, each event twice'].map((line, i) => ({
  fraction: Number((line.reqPerSec / results['floor: the same statements through pgbench'][i].tps).toFixed(2)),
}));
console.log(JSON.stringify({ fractionOfFloor: range(fractions, 'fraction') }));
await reportAppliedTwice();

async function reportAppliedTwice() {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query(
    `SELECT (SELECT count(*) FROM stripe_events WHERE organization_id = ANY($1) AND processed_at IS NOT NULL)::int AS events,
            (SELECT count(*) FROM audit_logs WHERE organization_id = ANY($1) AND action = 'billing.subscription_updated')::int AS applied,
            (SELECT count(*) FROM (SELECT metadata->>'eventId' FROM audit_logs
               WHERE organization_id = ANY($1) AND action = 'billing.subscription_updated'
               GROUP BY 1 HAVING count(*) > 1) twice)::int AS applied_twice`,
    [organizations],
  );
  await client.end();
  const { events, applied, applied_twice: appliedTwice } = rows[0];
  // Fewer applied than events: an event older than one already applied (two connections, one organization) changes nothing.
  console.log(JSON.stringify({ distinctEvents: events, changesApplied: applied, appliedTwice }));
}
