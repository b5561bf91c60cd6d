import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { buildOpenApiDocument } from '../src/openapi/openapi';
import { startTestApp, TestApp } from './harness';

const ROOT = join(__dirname, '../../..');
const SPEC = join(ROOT, 'openapi.json');
const CLIENT_TYPES = join(ROOT, 'libs/api-client/src/schema.d.ts');
const CLIENT_ENUMS = join(ROOT, 'libs/api-client/src/enums.ts');
const UPDATE = process.env.UPDATE_OPENAPI === '1';

/**
 * The committed openapi.json (and the client types generated from it) is the
 * reviewed contract: this fails whenever the code says something else.
 * `npm run openapi` rewrites both.
 */
describe('committed OpenAPI spec', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('matches what the code serves', async () => {
    const generated = `${JSON.stringify(buildOpenApiDocument(t.app), null, 2)}\n`;
    if (UPDATE) await writeFile(SPEC, generated);
    const committed = await readFile(SPEC, 'utf8').catch(() => '');
    expect(JSON.parse(committed || '{}')).toEqual(JSON.parse(generated));
  });

  it('matches the generated client types', async () => {
    const types = `${HEADER}${generateClientTypes()}`;
    if (UPDATE) await writeFile(CLIENT_TYPES, types);
    expect(await readFile(CLIENT_TYPES, 'utf8').catch(() => '')).toEqual(types);
  });

  it('matches the generated client enums', async () => {
    const enums = `${HEADER}${generateClientEnums(JSON.parse(await readFile(SPEC, 'utf8')))}`;
    if (UPDATE) await writeFile(CLIENT_ENUMS, enums);
    expect(await readFile(CLIENT_ENUMS, 'utf8').catch(() => '')).toEqual(enums);
  });
});

/** The lists the SPA needs at run time, taken from the spec: the API's own, never copied by hand. */
function generateClientEnums(spec: {
  components: { schemas: Record<string, { properties: Record<string, { enum?: string[]; items?: { enum?: string[] } }> }> };
}): string {
  const property = (schema: string, name: string) => spec.components.schemas[schema].properties[name];
  const values = (schema: string, name: string) => JSON.stringify(property(schema, name).enum);
  const itemValues = (schema: string, name: string) => JSON.stringify(property(schema, name).items?.enum);
  return [
    '/** Every role, most powerful first. */',
    `export const ROLES = ${values('MemberDto', 'role')} as const;`,
    '/** The roles an invite, an API key or a role change may give: ownership moves only by transfer. */',
    `export const GRANTABLE_ROLES = ${values('CreateInviteDto', 'role')} as const;`,
    '/** The events a webhook endpoint may subscribe to, in the API’s order. */',
    `export const WEBHOOK_EVENT_TYPES = ${itemValues('CreateWebhookEndpointDto', 'events')} as const;`,
    '',
  ].join('\n');
}

const HEADER = '// Generated from openapi.json by `npm run openapi`. Do not edit.\n';

/** openapi-typescript's CLI: its library build is ESM-only, which jest's CJS runtime cannot load. */
function generateClientTypes(): string {
  const cli = join(ROOT, 'node_modules/.bin/openapi-typescript');
  return execFileSync(cli, [SPEC], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
}
