import { freePort, waitUntil } from '@plinth/testing';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');
const API_MAIN = join(ROOT, 'dist/apps/api/src/main.js');

interface OtlpAttribute {
  key: string;
  value: { stringValue?: string; intValue?: string | number };
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: OtlpAttribute[];
}
interface ExportedSpan extends OtlpSpan {
  service: string | undefined;
  attribute: (key: string) => string | number | undefined;
}

/** A stand-in OTLP/HTTP collector: keeps every span POSTed (JSON) to /v1/traces. */
class Collector {
  readonly spans: ExportedSpan[] = [];
  readonly paths: string[] = [];
  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      this.paths.push(`${request.method} ${request.url}`);
      if (request.url === '/v1/traces') this.keep(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private keep(body: {
    resourceSpans: Array<{ resource: { attributes: OtlpAttribute[] }; scopeSpans: Array<{ spans: OtlpSpan[] }> }>;
  }): void {
    for (const { resource, scopeSpans } of body.resourceSpans) {
      const service = valueOf(resource.attributes, 'service.name') as string | undefined;
      for (const span of scopeSpans.flatMap((scope) => scope.spans)) {
        this.spans.push({ ...span, service, attribute: (key) => valueOf(span.attributes, key) });
      }
    }
  }
}

function valueOf(attributes: OtlpAttribute[], key: string): string | number | undefined {
  const value = attributes.find((attribute) => attribute.key === key)?.value;
  return value?.stringValue ?? (value?.intValue === undefined ? undefined : Number(value.intValue));
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(killer);
}

/**
 * Tracing must start before the application's modules load, which only the
 * real entry point does: so this starts the BUILT API (dist/, `npx nx build api`;
 * `npm test` builds first) as a child process, against the run's PostgreSQL.
 */
describe('OpenTelemetry tracing (the built API)', () => {
  const collector = new Collector();
  let api: ChildProcess;
  let baseUrl: string;
  let output = '';

  beforeAll(async () => {
    if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run npx nx build api first`);
    const endpoint = await collector.listen();
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    api = spawn(process.execPath, [API_MAIN], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: process.env.DATABASE_URL,
        SMTP_URL: process.env.SMTP_URL,
        JWT_SECRET: 'tracing-e2e-secret-0123456789abcdefghijkl',
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: String(port),
        APP_URL: baseUrl,
        LOG_LEVEL: 'warn',
        // Its workers must not take other suites' jobs from the shared queue.
        JOBS_ENABLED: 'false',
        OTEL_EXPORTER_OTLP_ENDPOINT: `${endpoint}/`,
        OTEL_SERVICE_NAME: 'plinth-api-tracing-test',
      },
    });
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-10_000));
    api.stdout?.on('data', keep);
    api.stderr?.on('data', keep);
    // A first boot on a fresh database runs every migration: slow on a busy machine.
    await waitUntil(
      'the built API answers /api/health/live',
      async () => {
        if (api.exitCode !== null) throw new Error(`The API exited with ${api.exitCode}:\n${output}`);
        return fetch(`${baseUrl}/api/health/live`).then(
          (response) => response.ok,
          () => false,
        );
      },
      90_000,
    );
  }, 120_000);

  afterAll(async () => {
    if (api) await stop(api);
    await collector.close();
  });

  it('exports a span per request named after its route, with the SQL it ran as child spans, and flushes them on SIGTERM', async () => {
    expect((await fetch(`${baseUrl}/api/v1/version`)).status).toBe(200);
    const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'nobody-traced@example.com', password: 'not-the-password-1' }),
    });
    expect(login.status).toBe(401);
    // Shutting down exports what the batch still holds: no waiting for the next scheduled export.
    await stop(api);

    expect([...new Set(collector.paths)]).toEqual(['POST /v1/traces']);
    const version = collector.spans.find((span) => span.name === 'GET /api/v1/version');
    expect({ route: version?.attribute('http.route'), service: version?.service }).toEqual({
      route: '/api/v1/version',
      service: 'plinth-api-tracing-test',
    });
    const loginSpan = collector.spans.find((span) => span.name === 'POST /api/v1/auth/login');
    expect(loginSpan).toBeDefined();
    const sql = collector.spans.filter(
      (span) => span.traceId === loginSpan?.traceId && (span.attribute('db.system') ?? span.attribute('db.system.name')) === 'postgresql',
    );
    expect(sql.length).toBeGreaterThan(0);
    // Probes are not traced: they would be most of the traffic.
    expect(
      collector.spans.filter((span) => String(span.attribute('url.path') ?? span.attribute('http.target')).startsWith('/api/health')),
    ).toEqual([]);
  }, 30_000);
});
