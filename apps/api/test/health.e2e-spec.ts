import { startTestApp, TestApp } from './harness';

describe('health and conventions', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('reports liveness and database readiness', async () => {
    const response = await t.http.get('/api/health').expect(200);
    expect(response.body).toMatchObject({ success: true, data: { status: 'ok', info: { database: { status: 'up' } } } });
  });

  it('answers unknown routes with the error envelope', async () => {
    const response = await t.http.get('/api/v1/no-such-route').expect(404);
    expect(response.body).toEqual({ success: false, error: { code: 'NOT_FOUND', message: 'Route not found' } });
  });

  it('echoes a sane X-Request-Id and replaces a malformed one', async () => {
    const kept = await t.http.get('/api/health').set('X-Request-Id', 'req-12345678');
    expect(kept.headers['x-request-id']).toBe('req-12345678');
    const replaced = await t.http.get('/api/health').set('X-Request-Id', 'bad id with spaces');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the OpenAPI document and Swagger UI', async () => {
    const spec = await t.http.get('/api/docs-json').expect(200);
    expect(spec.body.openapi).toMatch(/^3\./);
    expect(spec.body.paths['/api/v1/auth/signup']).toBeDefined();
    await t.http.get('/api/docs').expect(200).expect('content-type', /html/);
  });

  it('sets security headers', async () => {
    const response = await t.http.get('/api/health');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
  });
});
