import { createScratchDatabase, uniqueEmail } from '@plinth/testing';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { answerProblem, fuzzSettings, OpenApiDocument, operationsOf, plausibleBodies, schemaBodies } from './fuzz-kit';
import { startTestApp, TestApp } from './harness';
import { buildFixture, repairAfter, RouteFuzzFixture, signInAgain } from './route-fuzz-fixture';
import { parameterKeys, Recipe, RecipeContext, recipeFor, toWire, WireRequest } from './route-fuzz-requests';

const BASE_DOMAIN = 'fuzz.test';
const STAMP = Date.now();
const ADMIN_EMAILS = [0, 1, 2, 3, 4, 5, 6, 7].map((n) => `route-fuzz-${STAMP}-${n}@example.test`);
/** The committed spec, not the one the code would generate: openapi.e2e-spec keeps the two equal. */
const SPEC = JSON.parse(readFileSync(join(__dirname, '../../../openapi.json'), 'utf8')) as OpenApiDocument;

interface Answer {
  status: number;
  body: unknown;
}

/**
 * Every operation of the committed OpenAPI spec — public, auth, billing,
 * admin, webhooks, uploads — called with bad path parameters, bad query
 * strings, bad headers and credentials, and bad bodies, as the owner of a
 * real organization (a platform admin, so admin routes are reached too),
 * with an API key, with junk credentials and with none. Over real HTTP, as
 * bytes (no client fixes the URL). Never a 5xx; every 4xx in the error
 * envelope. Seeded: a failure names its seed and replays.
 */
describe('route fuzzing (every operation in openapi.json)', () => {
  const { seed, runs } = fuzzSettings('route fuzz', { seed: 20261203, runs: 30 });
  // FUZZ_ONLY=<regular expression> narrows a replay to the operations whose `METHOD /path` it matches.
  const operations = operationsOf(SPEC).filter((o) => new RegExp(process.env.FUZZ_ONLY ?? '').test(`${o.method.toUpperCase()} ${o.path}`));
  let t: TestApp;
  let main: DataSource;
  let scratch: { url: string; drop: () => Promise<void> };
  let dataDir: string;
  let fixture: RouteFuzzFixture;
  let context: RecipeContext & { jwtSecret: string };
  let port: number;
  const statuses = new Map<number, number>();
  const heals = { signIns: 0, repairs: 0, newOwners: 0 };

  beforeAll(async () => {
    // A database of its own: admin routes reconcile every organization, and deliveries go to a dead local port.
    main = await new DataSource({ type: 'postgres', url: process.env.DATABASE_URL }).initialize();
    scratch = await createScratchDatabase(main, process.env.DATABASE_URL as string);
    dataDir = mkdtempSync(join(tmpdir(), 'route-fuzz-'));
    t = await startTestApp({
      DATABASE_URL: scratch.url,
      DATA_DIR: dataDir,
      BASE_DOMAIN,
      PLATFORM_ADMIN_EMAILS: ADMIN_EMAILS.join(','),
      WEBHOOKS_ALLOW_PRIVATE: 'true',
      AUTH_RATE_LIMIT_PER_IP: '1000000',
      AUTH_RATE_LIMIT_PER_EMAIL: '1000000',
      AUTH_SLOWDOWN_AFTER: '1000000',
      INVITES_PER_HOUR: '1000000',
      FREE_ORGANIZATIONS_PER_USER: '1000000',
    });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.getHttpServer().address() as { port: number }).port;
    context = {
      baseDomain: BASE_DOMAIN,
      bodyFor: schemaBodies(SPEC),
      plausibleBody: plausibleBodies(SPEC),
      jwtSecret: t.config.JWT_SECRET,
    };
    fixture = await buildFixture(t, ADMIN_EMAILS[0]);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await scratch?.drop();
    await main?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('knows a real value for every path parameter of the spec', () => {
    const missing = operations.flatMap((operation) =>
      Object.values(parameterKeys(operation.path)).filter((key) => fixture.ids[key] === undefined),
    );
    expect(missing).toEqual([]);
  });

  it('answers every fuzzed request with a 2xx, 3xx or a 4xx in the envelope, never a 5xx', async () => {
    if (!process.env.FUZZ_ONLY) expect(operations.length).toBeGreaterThan(80);
    const failures: string[] = [];
    for (const [i, operation] of operations.entries()) {
      const property = fc.asyncProperty(recipeFor(operation, context), async (recipe) => {
        const wire = toWire(operation, recipe, fixture, context);
        const answer = await send(wire);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        await heal(recipe, wire, answer);
        const problem = answer.status === 0 ? noAnswerProblem(wire, answer) : answerProblem(wire.method, answer.status, answer.body);
        if (problem) throw new Error(`${problem}\n  for ${describeWire(wire)}`);
      });
      const started = Date.now();
      // Shrinking replays requests: bounded, so one failure cannot eat the run's time.
      const result = await fc.check(property, { numRuns: runs, seed: seed + i, interruptAfterTimeLimit: 20_000 + runs * 200 });
      if (process.env.FUZZ_VERBOSE) process.stdout.write(`${operation.method} ${operation.path}: ${Date.now() - started} ms\n`);
      if (result.failed) {
        failures.push(`${operation.method.toUpperCase()} ${operation.path} (seed ${seed + i}): ${String(result.errorInstance)}`);
        process.stdout.write(`route fuzz: FAILED ${failures[failures.length - 1]}\n`);
      }
    }
    process.stdout.write(`route fuzz: statuses ${JSON.stringify(Object.fromEntries(statuses))}; heals ${JSON.stringify(heals)}\n`);
    expect(failures).toEqual([]);
  }, 600_000);

  /** Puts back what a request took away, so later requests still reach real rows. */
  async function heal(recipe: Recipe, wire: WireRequest, answer: Answer): Promise<void> {
    // A 401 to the owner may be about the body's credentials (login, refresh): sign in again only when the session ended.
    if (recipe.auth.kind === 'owner' && answer.status === 401 && (await t.http.get('/api/v1/auth/me').set(fixture.auth)).status === 401) {
      heals.signIns++;
      await signInAgain(t, fixture).catch(newOwner);
    }
    if (wire.method === 'DELETE' && answer.status >= 200 && answer.status < 300) {
      heals.repairs++;
      await repairAfter(t, fixture, wire.path.split('?')[0]).catch(newOwner);
    }
  }

  /** When putting things back failed (the account itself is gone, say): a new owner, organization and all. */
  async function newOwner(): Promise<void> {
    heals.newOwners++;
    // Past the listed addresses, the owner is no platform admin: admin routes then answer 403.
    fixture = await buildFixture(t, ADMIN_EMAILS[heals.newOwners] ?? uniqueEmail('route-fuzz'));
  }

  function send(wire: WireRequest): Promise<Answer> {
    return new Promise((resolve) => {
      const request = httpRequest(
        // A connection per request: what one request leaves unread on a socket must not be blamed on the next.
        { host: '127.0.0.1', port, method: wire.method, path: wire.path, headers: wire.headers, agent: false, timeout: 10_000 },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: parsed(Buffer.concat(chunks)) }));
          response.on('error', (error) => resolve({ status: 0, body: error.message }));
        },
      );
      request.on('error', (error: Error & { code?: string }) => resolve({ status: 0, body: error.code ?? error.message }));
      request.on('timeout', () => request.destroy(new Error('no answer within 10 s')));
      request.end(wire.body);
    });
  }
});

/** Node's HTTP server reads at most this much of a request head; past it, it answers 431 and closes. */
const MAX_HEAD_BYTES = 16 * 1024;

/**
 * A server that refuses a head too large closes the connection while the
 * client may still be sending it: the client can see the reset before the
 * answer. A request Node's parser refuses (a head too large, a raw byte past
 * 0x7f in the path) is answered before its method is known, so a HEAD gets a
 * body it does not expect and its client cannot read the answer. For any
 * other request, no answer is a failure.
 */
function noAnswerProblem(wire: WireRequest, answer: Answer): string | null {
  const head = [wire.path, ...Object.entries(wire.headers).flatMap(([name, value]) => [name, ...[value].flat()])];
  const headBytes = head.reduce((sum, part) => sum + Buffer.byteLength(part, 'latin1') + 4, 0);
  const error = String(answer.body);
  if (headBytes > MAX_HEAD_BYTES && ['ECONNRESET', 'EPIPE'].includes(error)) return null;
  if (wire.method === 'HEAD' && error.startsWith('HPE_')) return null;
  return `no answer: ${error}`;
}

function parsed(bytes: Buffer): unknown {
  const text = bytes.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function describeWire(wire: WireRequest): string {
  const short = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…(${text.length})` : text);
  const headers = Object.entries(wire.headers).map(([name, value]) => `${name}: ${short(JSON.stringify(value))}`);
  const body = wire.body ? short(JSON.stringify(wire.body.toString('latin1'))) : '(no body)';
  return [`${wire.method} ${short(wire.path)}`, ...headers, body].join('\n    ');
}
