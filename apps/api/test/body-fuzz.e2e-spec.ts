import { signUp } from '@plinth/testing';
import fc from 'fast-check';
import { buildOpenApiDocument } from '../src/openapi/openapi';
import { startTestApp, TestApp } from './harness';

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  $ref?: string;
  allOf?: Schema[];
}

/** Strings PostgreSQL, JSON columns or a careless parser choke on. */
const hostileString = fc.oneof(
  fc.string(),
  fc.string().map((s) => `${s}\u0000${s}`),
  fc.constantFrom('\ud800', 'a\udc00b', '\uffff', '\u202e', '\r\n', '../../etc/passwd', "'; DROP TABLE users; --", '%00', '${7*7}'),
  fc.string({ minLength: 5_000, maxLength: 20_000 }),
  fc.string({ unit: 'binary' }),
);

const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
);

/**
 * Every JSON body the API takes, fed values shaped like its schema but
 * hostile (NUL bytes, lone surrogates, huge strings, wrong types, unknown
 * keys): never a 5xx, and every refusal in the error envelope. Seeded, so a
 * failure replays.
 */
describe('body fuzzing (every JSON request body in the OpenAPI spec)', () => {
  let t: TestApp;
  let auth: Record<string, string>;
  let ids: Record<string, string>;
  let operations: Array<{ method: string; path: string; schema: Schema }>;
  let schemas: Record<string, Schema>;

  beforeAll(async () => {
    t = await startTestApp({ AUTH_RATE_LIMIT_PER_IP: '1000000', AUTH_RATE_LIMIT_PER_EMAIL: '1000000', INVITES_PER_HOUR: '1000000' });
    const owner = await signUp(t.http);
    auth = owner.auth;
    const site = (await t.http.post('/api/v1/sites').set(auth).send({ name: 'Fuzz' }).expect(201)).body.data.id;
    const post = (await t.http.post(`/api/v1/sites/${site}/posts`).set(auth).send({ title: 'Fuzz', body: '' }).expect(201)).body.data.id;
    ids = { id: owner.organizationId, siteId: site, userId: owner.userId, dimension: 'posts', postId: post };
    const document = buildOpenApiDocument(t.app);
    schemas = document.components?.schemas as Record<string, Schema>;
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, { requestBody?: { content?: Record<string, { schema: Schema }> } }>).flatMap(
        ([method, operation]) => {
          const json = operation.requestBody?.content?.['application/json'];
          return json ? [{ method, path, schema: json.schema }] : [];
        },
      ),
    );
  });
  afterAll(() => t.close());

  const resolve = (schema: Schema): Schema => (schema.$ref ? resolve(schemas[schema.$ref.split('/').pop() as string]) : schema);

  /** Values for each declared property, hostile half the time, plus now and then a key the DTO does not know. */
  function bodyFor(schema: Schema): fc.Arbitrary<unknown> {
    const resolved = resolve(schema);
    const properties = Object.entries(resolved.properties ?? {});
    const fields = Object.fromEntries(properties.map(([name, property]) => [name, valueFor(resolve(property))]));
    return fc
      .record(fields, { requiredKeys: [] })
      .chain((body) =>
        fc
          .option(fc.tuple(fc.string({ minLength: 1 }), anyJson), { nil: undefined })
          .map((extra) => (extra ? { ...body, [extra[0]]: extra[1] } : body)),
      );
  }

  function valueFor(schema: Schema): fc.Arbitrary<unknown> {
    const typed = schema.enum
      ? fc.constantFrom(...schema.enum)
      : schema.type === 'string'
        ? hostileString
        : schema.type === 'integer' || schema.type === 'number'
          ? fc.oneof(fc.integer(), fc.double(), fc.constant(Number.MAX_SAFE_INTEGER), fc.constant(-1))
          : schema.type === 'boolean'
            ? fc.boolean()
            : anyJson;
    return fc.oneof(typed, anyJson);
  }

  it('answers every hostile body with a 2xx or a 4xx in the envelope, never a 5xx', async () => {
    expect(operations.length).toBeGreaterThan(15);
    for (const operation of operations) {
      const url = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? ids.postId);
      await fc.assert(
        fc.asyncProperty(bodyFor(operation.schema), async (body) => {
          const response = await (t.http as unknown as Record<string, (u: string) => import('supertest').Test>)
            [operation.method](url)
            .set(auth)
            .send(body as object);
          const label = `${operation.method.toUpperCase()} ${operation.path} ${JSON.stringify(body).slice(0, 300)}`;
          if (response.status >= 500) throw new Error(`${response.status} for ${label}: ${JSON.stringify(response.body)}`);
          if (response.status >= 400) {
            expect(response.body).toEqual({
              success: false,
              error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }),
            });
          }
        }),
        { numRuns: 25, seed: 20261202 },
      );
    }
  }, 240_000);
});
