import { ApiCallMeter } from '@plinth/quota';
import { createKey, send, sqlNumber } from '@plinth/testing';
import { DataSource } from 'typeorm';
import { signUp, startTestApp, TestApp } from './harness';

/**
 * Found by the route fuzzer: an organization deleted between its API-key
 * calls and the meter's next flush made every flush fail on its foreign key
 * (and the app's shutdown with it), so no organization's calls were written
 * again by that process.
 */
describe('API-call metering of an organization deleted before the flush', () => {
  let t: TestApp;
  let meter: ApiCallMeter;
  let db: DataSource;

  beforeAll(async () => {
    // Flushed by the test only.
    t = await startTestApp({ METER_FLUSH_INTERVAL_MS: '600000' });
    meter = t.app.get(ApiCallMeter);
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  it('drops the deleted organization’s calls and still writes the others’', async () => {
    const [gone, kept] = [await signUp(t.http), await signUp(t.http)];
    const [goneKey, keptKey] = [await createKey(t, gone.auth, 'viewer'), await createKey(t, kept.auth, 'viewer')];
    await meter.flush();
    await send(t, { method: 'get', path: '/sites', headers: goneKey.auth }).expect(200);
    await send(t, { method: 'get', path: '/sites', headers: keptKey.auth }).expect(200);
    await send(t, { method: 'delete', path: `/organizations/${gone.organizationId}`, headers: gone.auth }).expect(204);

    await expect(meter.flush()).resolves.toBeUndefined();

    const stored = await sqlNumber(db, `SELECT current FROM quota_usage WHERE organization_id = $1 AND dimension = 'api_calls'`, [
      kept.organizationId,
    ]);
    expect(stored).toBe(1);
    expect(meter.unflushed(kept.organizationId)).toBe(0);
  });
});
