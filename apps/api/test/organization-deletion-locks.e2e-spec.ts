import { expectStatus, send, signUp, sqlNumber, waitUntil } from '@plinth/testing';
import type { DataSource } from 'typeorm';
import { createEndpoint, putOnPlan, startWebhooksApp, type WebhooksApp } from './webhooks-fixtures';

/**
 * Found by the route fuzzer: deleting an organization while a webhook
 * delivery's outcome was being logged deadlocked (a 500). The worker locks
 * the endpoint, then inserts the attempt (its foreign key check takes a
 * share lock on the organization's row); the deletion held that row and
 * waited, in its cascade, for the endpoint.
 */
describe('deleting an organization while a webhook delivery is logged', () => {
  let app: WebhooksApp;
  let db: DataSource;

  beforeAll(async () => {
    // No worker: this test plays the worker's transaction itself, step by step.
    app = await startWebhooksApp({ JOBS_ENABLED: 'false', WEBHOOKS_ALLOW_PRIVATE: 'true' });
    db = app.db;
  });
  afterAll(() => app.close());

  it('waits for the attempt to be logged, then deletes: no deadlock', async () => {
    const { t } = app;
    const owner = await signUp(t.http);
    await putOnPlan(t, owner.organizationId, 'pro');
    const endpoint = await createEndpoint(t, owner.auth, 'http://127.0.0.1:9/hook', ['site.created']);
    const sent = await send(t, { method: 'post', path: `/webhook-endpoints/${endpoint.id}/test`, headers: owner.auth });
    const deliveryId: string = expectStatus(sent, 202).body.data.deliveryId;

    const worker = db.createQueryRunner();
    await worker.connect();
    try {
      await worker.startTransaction();
      await worker.query(`SELECT set_config('app.organization_id', $1, true)`, [owner.organizationId]);
      // The order DeliveryAttempts.record takes its locks in: the endpoint's health first…
      await worker.query('UPDATE webhook_endpoints SET failing_since = now() WHERE id = $1', [endpoint.id]);
      const deletion = send(t, { method: 'delete', path: `/organizations/${owner.organizationId}`, headers: owner.auth }).then((r) => r);
      await waitUntil(
        'the deletion waits for a lock',
        async () => (await sqlNumber(db, 'SELECT count(*) FROM pg_locks WHERE NOT granted')) > 0,
      );
      // …then the delivery, and its attempt, whose foreign key check locks the organization's row.
      await worker.query('UPDATE webhook_deliveries SET updated_at = now() WHERE id = $1', [deliveryId]);
      await worker.query(
        `INSERT INTO webhook_delivery_attempts (organization_id, delivery_id, at, duration_ms, error) VALUES ($1, $2, now(), 1, 'refused')`,
        [owner.organizationId, deliveryId],
      );
      await worker.commitTransaction();
      expect((await deletion).status).toBe(204);
    } finally {
      if (worker.isTransactionActive) await worker.rollbackTransaction();
      await worker.release();
    }
  });
});
