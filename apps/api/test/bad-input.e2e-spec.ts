import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { signUp, startTestApp, TestApp } from './harness';
import { png } from './content-fixtures';

/**
 * Bad input gets a 4xx in the error envelope, never a 500: the classes of
 * input the hardening review found answered with 500s or outside the envelope.
 */
describe('bad input', () => {
  let t: TestApp;
  let auth: Record<string, string>;
  let siteId: string;

  beforeAll(async () => {
    t = await startTestApp({ AUTH_RATE_LIMIT_PER_IP: '100000' });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    auth = (await signUp(t.http)).auth;
    siteId = (await t.http.post('/api/v1/sites').set(auth).send({ name: 'Probe' }).expect(201)).body.data.id;
  });
  afterAll(() => t.close());

  const envelope = (status: number, code: string) => ({ status, code });
  const outcome = (response: { status: number; body: { error?: { code?: string } } }) => ({
    status: response.status,
    code: response.body?.error?.code,
  });

  it.each([
    ['a NUL byte in a name', { name: 'a\u0000b' }],
    ['a lone surrogate in a name', { name: 'a\ud800b' }],
  ])('refuses %s with 400', async (_case, body) => {
    expect(outcome(await t.http.post('/api/v1/sites').set(auth).send(body))).toEqual(envelope(400, 'VALIDATION_FAILED'));
  });

  it('refuses a NUL byte in a post body and a lone surrogate in a title', async () => {
    const path = `/api/v1/sites/${siteId}/posts`;
    expect(outcome(await t.http.post(path).set(auth).send({ title: 'T', body: 'x\u0000y' }))).toEqual(envelope(400, 'VALIDATION_FAILED'));
    expect(outcome(await t.http.post(path).set(auth).send({ title: '\udc00', body: '' }))).toEqual(envelope(400, 'VALIDATION_FAILED'));
  });

  it('refuses JSON nested 100,000 deep before parsing it, signed in or not', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    for (const [path, headers] of [
      ['/api/v1/auth/login', {}],
      ['/api/v1/sites', auth],
    ] as const) {
      const response = await t.http.post(path).set(headers).set('content-type', 'application/json').send(deep);
      expect(outcome(response)).toEqual(envelope(400, 'VALIDATION_FAILED'));
    }
  });

  it.each([
    ['well-formed base64 of a bad UUID', Buffer.from(JSON.stringify(['2026-01-01T00:00:00.000Z', 'not-a-uuid'])).toString('base64url')],
    ['well-formed base64 of a bad date', Buffer.from(JSON.stringify(['yesterday', randomUUID()])).toString('base64url')],
    ['a date PostgreSQL cannot hold', Buffer.from(JSON.stringify(['-271821-04-20T00:00:00.000Z', randomUUID()])).toString('base64url')],
    ['not JSON', Buffer.from('{{{').toString('base64url')],
  ])('refuses a tampered cursor: %s', async (_case, cursor) => {
    expect(outcome(await t.http.get(`/api/v1/sites?cursor=${cursor}`).set(auth))).toEqual(envelope(400, 'VALIDATION_FAILED'));
  });

  it('refuses absurd dates in filters', async () => {
    const response = await t.http.get('/api/v1/audit-logs?from=-004714-01-01T00:00:00Z').set(auth);
    expect(outcome(response)).toEqual(envelope(400, 'VALIDATION_FAILED'));
  });

  it.each(['0x10', '1e1', '16.0', ' 16'])('refuses limit=%s', async (limit) => {
    expect(outcome(await t.http.get(`/api/v1/sites?limit=${encodeURIComponent(limit)}`).set(auth))).toEqual(
      envelope(400, 'VALIDATION_FAILED'),
    );
  });

  it('takes an uppercase UUID in an upload path as the same site', async () => {
    const response = await t.http
      .post(`/api/v1/sites/${siteId.toUpperCase()}/media`)
      .set(auth)
      .attach('file', png(12).bytes, { filename: 'a.png', contentType: 'image/png' });
    expect(response.status).toBe(201);
  });

  it.each([
    ['form-encoded', 'application/x-www-form-urlencoded', 'name=Form'],
    ['plain text', 'text/plain', '{"name":"Text"}'],
    ['XML', 'application/xml', '<site><name>X</name></site>'],
  ])('refuses a %s body on a JSON route with 415', async (_case, type, body) => {
    const response = await t.http.post('/api/v1/sites').set(auth).set('content-type', type).send(body);
    expect(outcome(response)).toEqual(envelope(415, 'UNSUPPORTED_MEDIA_TYPE'));
  });

  it('refuses a multipart body on a JSON route with 415', async () => {
    const response = await t.http.post('/api/v1/sites').set(auth).field('name', 'Multipart');
    expect(outcome(response)).toEqual(envelope(415, 'UNSUPPORTED_MEDIA_TYPE'));
  });

  it('answers bad percent-encoding in a URL with the envelope', async () => {
    const raw = await rawRequest(t, 'GET /api/v1/sites/%E0%A4%A HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    expect(raw.status).toBe(400);
    expect(JSON.parse(raw.body)).toEqual({ success: false, error: { code: 'VALIDATION_FAILED', message: expect.any(String) } });
  });

  // Both found by the route fuzzer: Node's parser refuses these before Fastify routes them, and Fastify answered outside the envelope.
  it('answers a request head past 16 KiB with 431 in the envelope', async () => {
    const raw = await rawRequest(
      t,
      `GET /api/v1/sites HTTP/1.1\r\nHost: localhost\r\nCookie: ${'x'.repeat(17_000)}\r\nConnection: close\r\n\r\n`,
    );
    expect(raw.status).toBe(431);
    expect(JSON.parse(raw.body)).toEqual({ success: false, error: { code: 'VALIDATION_FAILED', message: expect.any(String) } });
  });

  it('answers a raw byte past 0x7f in the path with 400 in the envelope', async () => {
    const raw = await rawRequest(
      t,
      Buffer.from('GET /api/v1/sites/\xc7 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n', 'latin1'),
    );
    expect(raw.status).toBe(400);
    expect(JSON.parse(raw.body)).toEqual({ success: false, error: { code: 'VALIDATION_FAILED', message: expect.any(String) } });
  });

  it('answers a preflight without an Origin with the envelope', async () => {
    const response = await t.http.options('/api/v1/sites').set('Access-Control-Request-Method', 'POST');
    expect(response.status).toBeLessThan(500);
    if (response.status >= 400)
      expect(response.body).toEqual({ success: false, error: expect.objectContaining({ code: expect.any(String) }) });
  });

  it('allows the methods the API uses in a preflight from the app', async () => {
    const response = await t.http
      .options('/api/v1/sites/x')
      .set('Origin', 'http://localhost:3000')
      .set('Access-Control-Request-Method', 'PATCH');
    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-methods']).toEqual(expect.stringContaining('PATCH'));
    expect(response.headers['access-control-allow-methods']).toEqual(expect.stringContaining('DELETE'));
    expect(response.headers['access-control-allow-methods']).toEqual(expect.stringContaining('PUT'));
  });
});

/** Sends bytes as they are (supertest would fix the URL) and reads the answer. */
function rawRequest(t: TestApp, request: string | Buffer): Promise<{ status: number; body: string }> {
  const { port } = t.app.getHttpServer().address() as { port: number };
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(request));
    let data = '';
    socket.on('data', (chunk) => (data += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head, ...rest] = data.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), body: rest.join('\r\n\r\n') });
    });
  });
}
