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
    const ui = await t.http.get('/api/docs').expect(200).expect('content-type', /html/);
    expect(ui.text).toContain('<title>Plinth API</title>');
  });

  it('describes every tag, and shows each error response with examples of its own codes only', async () => {
    const spec = (await t.http.get('/api/docs-json').expect(200)).body;
    const used = new Set(Object.values(spec.paths).flatMap((item) => Object.values(item as object).flatMap((op) => op.tags ?? [])));
    const described = new Map(spec.tags.map((tag: { name: string; description: string }) => [tag.name, tag.description]));
    for (const tag of used) expect({ tag, described: Boolean(described.get(tag)) }).toEqual({ tag, described: true });
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(
        item as Record<string, { responses: Record<string, { description: string; content: Record<string, { examples: object }> }> }>,
      )) {
        for (const [status, response] of Object.entries(op.responses).filter(([status]) => Number(status) >= 400)) {
          const examples = Object.values(response.content['application/json'].examples) as Array<{ value: { error: { code: string } } }>;
          const codes = examples.map((example) => example.value.error.code);
          expect({ at: `${method} ${path} ${status}`, codes }).toEqual({
            at: `${method} ${path} ${status}`,
            codes: response.description.split(' | '),
          });
        }
      }
    }
  });

  it('sets security headers', async () => {
    const response = await t.http.get('/api/health');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
  });
});
