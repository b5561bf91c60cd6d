import { signUp } from '@plinth/testing';
import fc from 'fast-check';
import { buildOpenApiDocument } from '../src/openapi/openapi';
import { answerProblem, fuzzSettings, OpenApiDocument, Operation, operationsOf, Schema, schemaBodies } from './fuzz-kit';
import { startTestApp, TestApp } from './harness';

/**
 * Every JSON body the API takes, fed values shaped like its schema but
 * hostile (NUL bytes, lone surrogates, huge strings, wrong types, unknown
 * keys): never a 5xx, and every refusal in the error envelope. Seeded, so a
 * failure replays.
 */
describe('body fuzzing (every JSON request body in the OpenAPI spec)', () => {
  const { seed, runs } = fuzzSettings('body fuzz', { seed: 20261202, runs: 25 });
  let t: TestApp;
  let auth: Record<string, string>;
  let ids: Record<string, string>;
  let operations: Array<Operation & { schema: Schema }>;
  let bodyFor: (schema: Schema) => fc.Arbitrary<unknown>;

  beforeAll(async () => {
    t = await startTestApp({ AUTH_RATE_LIMIT_PER_IP: '1000000', AUTH_RATE_LIMIT_PER_EMAIL: '1000000', INVITES_PER_HOUR: '1000000' });
    const owner = await signUp(t.http);
    auth = owner.auth;
    const site = (await t.http.post('/api/v1/sites').set(auth).send({ name: 'Fuzz' }).expect(201)).body.data.id;
    const post = (await t.http.post(`/api/v1/sites/${site}/posts`).set(auth).send({ title: 'Fuzz', body: '' }).expect(201)).body.data.id;
    ids = { id: owner.organizationId, siteId: site, userId: owner.userId, dimension: 'posts', postId: post };
    const document = buildOpenApiDocument(t.app) as unknown as OpenApiDocument;
    bodyFor = schemaBodies(document);
    operations = operationsOf(document).flatMap((operation) => {
      const schema = operation.body['application/json'];
      return schema ? [{ ...operation, schema }] : [];
    });
  });
  afterAll(() => t.close());

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
          const problem = answerProblem(operation.method, response.status, response.body);
          if (problem)
            throw new Error(`${problem} for ${operation.method.toUpperCase()} ${operation.path} ${JSON.stringify(body).slice(0, 300)}`);
        }),
        { numRuns: runs, seed },
      );
    }
  }, 240_000);
});
