import { signJwt, tamperSignature } from '@plinth/testing';
import fc from 'fast-check';
import type { Operation, Schema } from './fuzz-kit';
import type { RouteFuzzFixture } from './route-fuzz-fixture';
import {
  badSegment,
  badUuid,
  headerText,
  junkJsonBytes,
  multipartBody,
  ndjsonBytes,
  oddContentType,
  queryValue,
  unknownQueryKey,
} from './route-fuzz-values';

/**
 * A fuzzed request as a recipe: what it says about the fixture (a real id,
 * the owner's token) stays symbolic, because the fixture is remade when a
 * request deletes part of it; `toWire` turns it into bytes for the fixture
 * of the moment.
 */

/** A real value of the fixture, as it is or bent. */
export interface Real {
  real: string;
  as: 'exact' | 'upper' | 'nul' | 'suffix' | 'slug' | 'twice';
}
type Value = string | Real;

export type Auth =
  | { kind: 'owner' }
  | { kind: 'none' }
  | { kind: 'api-key'; via: 'x-api-key' | 'bearer' }
  | { kind: 'junk'; headers: Record<string, string | string[]> }
  | { kind: 'tampered'; scheme: string }
  | { kind: 'forged'; claims: Record<string, unknown>; secret: 'ours' | 'theirs'; expired: boolean };

export interface Recipe {
  method: string;
  segments: Record<string, Value>;
  query: Array<[string, string]>;
  headers: Record<string, Value | Value[]>;
  auth: Auth;
  body?: { contentType?: string | string[]; bytes: Buffer; chunked: boolean };
}

export interface WireRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[]>;
  body?: Buffer;
}

export interface RecipeContext {
  baseDomain: string;
  /** Bodies shaped like the schema, with hostile values. */
  bodyFor: (schema: Schema) => fc.Arbitrary<unknown>;
  /** Bodies a client that read the schema would send. */
  plausibleBody: (schema: Schema) => fc.Arbitrary<unknown>;
}

/** The fixture key of each path parameter: the literal segment before it, and its name (`posts/id`). */
export function parameterKeys(path: string): Record<string, string> {
  const keys: Record<string, string> = {};
  const segments = path.split('/');
  segments.forEach((segment, i) => {
    const name = /^\{(\w+)\}$/.exec(segment)?.[1];
    if (name) keys[name] = `${segments[i - 1]}/${name}`;
  });
  return keys;
}

/**
 * Two requests in three are wrong in one place only (path, query, headers,
 * credentials or body), the rest as a careful client sends it, so that they
 * get past the other checks to the one under test; the third is wrong everywhere.
 */
export function recipeFor(operation: Operation, context: RecipeContext): fc.Arbitrary<Recipe> {
  const bad = {
    method: methodFor(operation),
    segments: segmentsFor(operation),
    query: queryFor(operation),
    headers: headersFor(context),
    auth: authArbitrary,
    body: bodyFor(operation, context),
  };
  const careful = {
    method: fc.constant(operation.method),
    segments: fc.record(
      Object.fromEntries(
        Object.entries(parameterKeys(operation.path)).map(([name, key]) => [name, fc.constant<Value>({ real: key, as: 'exact' })]),
      ),
    ),
    query: fc.constant<Array<[string, string]>>([]),
    headers: fc.constant({}),
    auth: fc.constant<Auth>({ kind: 'owner' }),
    body: carefulBody(operation, context),
  };
  const focused = fc
    .constantFrom('segments', 'query', 'headers', 'auth', 'body', 'method')
    .chain((focus) => fc.record({ ...careful, [focus]: bad[focus as keyof typeof bad] }));
  return fc.oneof({ weight: 2, arbitrary: focused as fc.Arbitrary<Recipe> }, { weight: 1, arbitrary: fc.record(bad) });
}

function carefulBody(operation: Operation, context: RecipeContext): fc.Arbitrary<Recipe['body']> {
  const json = operation.body['application/json'];
  if (json)
    return context
      .plausibleBody(json)
      .map((value) => ({ contentType: 'application/json', bytes: Buffer.from(JSON.stringify(value)), chunked: false }));
  if (operation.body['multipart/form-data']) return multipartBody.map((body) => ({ ...body, chunked: false }));
  if (operation.body['application/x-ndjson'])
    return ndjsonBytes.map((bytes) => ({ contentType: 'application/x-ndjson', bytes, chunked: false }));
  return fc.constant(undefined);
}

function methodFor(operation: Operation): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 12, arbitrary: fc.constant(operation.method) },
    { weight: 1, arbitrary: fc.constantFrom('get', 'post', 'put', 'patch', 'delete', 'head', 'options') },
  );
}

function segmentsFor(operation: Operation): fc.Arbitrary<Record<string, Value>> {
  const keys = parameterKeys(operation.path);
  const real = (key: string) =>
    fc.constantFrom<Real['as']>('exact', 'exact', 'upper', 'nul', 'suffix').map((as): Value => ({ real: key, as }));
  const arbitraries = Object.fromEntries(
    Object.entries(keys).map(([name, key]) => [
      name,
      fc.oneof({ weight: 1, arbitrary: real(key) }, { weight: 2, arbitrary: badSegment as fc.Arbitrary<Value> }),
    ]),
  );
  return fc.record(arbitraries);
}

function queryFor(operation: Operation): fc.Arbitrary<Array<[string, string]>> {
  const declared = operation.parameters.filter((p) => p.in === 'query');
  const entries: Array<fc.Arbitrary<[string, string]>> = declared.flatMap((p) => {
    const value = queryValue(p.name, p.schema?.type, p.schema?.format, p.schema?.enum);
    const bentKeys = fc.constantFrom(`${p.name}%5B%5D`, `${p.name}%5B0%5D`, `${p.name}%5Bx%5D`, `${p.name}%00`, p.name.toUpperCase());
    return [fc.tuple(fc.constant(p.name), value), fc.tuple(bentKeys, value)];
  });
  entries.push(fc.tuple(unknownQueryKey, queryValue('unknown', 'string', undefined, undefined)));
  // Declared parameters often, and now and then twice (`?limit=1&limit=2`).
  return fc.array(fc.oneof(...entries), { maxLength: declared.length ? 5 : 2 });
}

const orgHeader: fc.Arbitrary<Value | Value[]> = fc.oneof(
  fc.constantFrom<Real['as']>('exact', 'upper', 'slug', 'twice', 'suffix').map((as): Value => ({ real: 'organizations/id', as })),
  fc.uuid(),
  badUuid,
  headerText,
  fc.tuple(fc.uuid(), fc.constant<Value>({ real: 'organizations/id', as: 'exact' })),
);

const ACCEPTS = [
  'application/json',
  'text/html',
  'application/xml',
  '*/*',
  'text/plain;q=0',
  'application/json;q=0',
  '',
  'image/png',
  'application/x-ndjson',
  'text/csv',
  'application/json; charset=utf-16',
  '*/*;q=junk',
  'invalid',
  ',,,',
  'text/*, application/*;q=0.5',
  'application/problem+json',
];

function headersFor(context: RecipeContext): fc.Arbitrary<Record<string, Value | Value[]>> {
  const host = fc.oneof(
    fc.constantFrom<Real['as']>('slug', 'upper').map((as): Value => ({ real: 'host', as })),
    fc.constantFrom(
      `www.${context.baseDomain}`,
      `nope.${context.baseDomain}`,
      `.${context.baseDomain}`,
      `a.b.${context.baseDomain}`,
      context.baseDomain,
      `é.${context.baseDomain}`,
      `${'x'.repeat(300)}.${context.baseDomain}`,
      '[::1]:80',
      '127.0.0.1:99999',
      '',
    ),
    headerText,
  );
  const optional = {
    'x-organization-id': orgHeader,
    accept: fc.oneof(fc.constantFrom(...ACCEPTS), headerText),
    'idempotency-key': fc.oneof(fc.uuid(), headerText),
    'x-request-id': headerText,
    'user-agent': headerText,
    host,
    origin: fc.oneof(fc.constantFrom('http://localhost:3000', 'null', 'http://evil.test'), headerText),
    cookie: headerText,
    range: fc.oneof(fc.constantFrom('bytes=0-1', 'bytes=-1', 'bytes=99999999-', 'bytes=1-0', 'bytes=x', 'bytes=0-1,2-3'), headerText),
    'if-none-match': headerText,
    'if-modified-since': fc.oneof(fc.constantFrom('Thu, 01 Jan 1970 00:00:00 GMT', 'yesterday'), headerText),
    'x-forwarded-for': headerText,
    'x-forwarded-host': headerText,
    'x-http-method-override': fc.constantFrom('DELETE', 'PUT', 'x'),
    'content-encoding': fc.constantFrom('gzip', 'br', 'deflate', 'identity', 'x-junk'),
    'stripe-signature': fc.oneof(
      fc.constantFrom('t=1,v1=abc', 't=99999999999999999999,v1=', 't=-1', `t=${Math.floor(Date.now() / 1000)},v1=${'a'.repeat(64)}`),
      headerText,
    ),
  };
  // A few odd headers at a time, so that the one that matters is not always drowned by another.
  const entry = fc.oneof(
    ...Object.entries(optional).map(([name, value]) => fc.tuple(fc.constant(name), value as fc.Arbitrary<Value | Value[]>)),
  );
  return fc.array(entry, { minLength: 1, maxLength: 3 }).map((entries) => Object.fromEntries(entries));
}

const junkAuth: fc.Arbitrary<Auth> = fc
  .oneof<fc.Arbitrary<Record<string, string | string[]>>[]>(
    fc
      .constantFrom('Bearer ', 'Bearer', 'Basic dXNlcjpwYXNz', 'Bearer a.b.c', 'Bearer null', 'Token x', 'Bearer plk_', 'Bearer eyJ.eyJ.x')
      .map((a) => ({
        authorization: a,
      })),
    headerText.map((text) => ({ authorization: `Bearer ${text}` })),
    fc.uint8Array({ minLength: 1, maxLength: 48 }).map((b) => ({ authorization: `Bearer plk_${Buffer.from(b).toString('base64url')}` })),
    fc.uint8Array({ minLength: 1, maxLength: 48 }).map((b) => ({ 'x-api-key': `plk_${Buffer.from(b).toString('hex')}` })),
    headerText.map((text) => ({ 'x-api-key': text })),
    fc.constant<Record<string, string[]>>({ 'x-api-key': ['plk_a', 'plk_b'], authorization: ['Bearer a', 'Bearer b'] }),
    fc
      .tuple(fc.constantFrom('none', 'HS512', 'RS256'), fc.string({ maxLength: 20 }))
      .map(([alg, sub]) => ({ authorization: `Bearer ${jwtParts({ alg, typ: 'JWT' }, { sub, typ: 'access' })}.` })),
  )
  .map((headers) => ({ kind: 'junk' as const, headers }));

function jwtParts(header: object, claims: object): string {
  return [header, claims].map((part) => Buffer.from(JSON.stringify(part)).toString('base64url')).join('.');
}

const claimValue = fc.oneof(
  fc.uuid(),
  fc.constant('$user'),
  fc.constant('$org'),
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.constant(null),
);
const forgedAuth: fc.Arbitrary<Auth> = fc.record({
  kind: fc.constant('forged' as const),
  claims: fc.record(
    { sub: claimValue, org: claimValue, fam: claimValue, typ: fc.constantFrom('access', 'refresh', 'ACCESS', '') },
    { requiredKeys: ['sub', 'typ'] },
  ),
  secret: fc.constantFrom<'ours' | 'theirs'>('ours', 'theirs'),
  expired: fc.boolean(),
});

const authArbitrary: fc.Arbitrary<Auth> = fc.oneof(
  { weight: 8, arbitrary: fc.constant<Auth>({ kind: 'owner' }) },
  { weight: 3, arbitrary: fc.constant<Auth>({ kind: 'none' }) },
  { weight: 1, arbitrary: fc.constantFrom<'x-api-key' | 'bearer'>('x-api-key', 'bearer').map((via): Auth => ({ kind: 'api-key', via })) },
  { weight: 3, arbitrary: junkAuth },
  { weight: 1, arbitrary: fc.constantFrom('Bearer', 'bearer', 'BEARER', 'Bearer ').map((scheme): Auth => ({ kind: 'tampered', scheme })) },
  { weight: 2, arbitrary: forgedAuth },
);

function bodyFor(operation: Operation, context: RecipeContext): fc.Arbitrary<Recipe['body']> {
  const chunked = fc.nat({ max: 4 }).map((n) => n === 0);
  const json = operation.body['application/json'];
  const shaped = json
    ? context
        .bodyFor(json)
        .chain((value) =>
          fc.oneof(
            { weight: 6, arbitrary: fc.constant({ contentType: 'application/json', bytes: Buffer.from(JSON.stringify(value)) }) },
            { weight: 1, arbitrary: fc.constantFrom('utf16le', 'latin1').map((encoding) => charsetBody(value, encoding)) },
            { weight: 1, arbitrary: oddContentType.map((contentType) => ({ contentType, bytes: Buffer.from(JSON.stringify(value)) })) },
          ),
        )
    : fc.constant(undefined);
  const junk = fc.record({ contentType: fc.oneof(fc.constant('application/json'), oddContentType), bytes: junkJsonBytes });
  const upload = multipartBody.map(({ contentType, bytes }) => ({ contentType, bytes }));
  const ndjson = fc.record({
    contentType: fc.oneof(
      { weight: 4, arbitrary: fc.constant<string | string[]>('application/x-ndjson') },
      { weight: 1, arbitrary: oddContentType },
    ),
    bytes: ndjsonBytes,
  });
  const options = [
    { weight: json ? 8 : 0, arbitrary: shaped },
    { weight: 2, arbitrary: junk },
    { weight: operation.body['multipart/form-data'] ? 8 : 0, arbitrary: upload },
    { weight: operation.body['application/x-ndjson'] ? 8 : 0, arbitrary: ndjson },
    { weight: Object.keys(operation.body).length ? 1 : 6, arbitrary: fc.constant(undefined) },
  ].filter((option) => option.weight > 0);
  return fc
    .tuple(fc.oneof(...options), chunked)
    .map(([body, isChunked]) =>
      body === undefined ? undefined : { ...(body as { contentType: string | string[]; bytes: Buffer }), chunked: isChunked },
    );
}

function charsetBody(value: unknown, encoding: 'utf16le' | 'latin1') {
  const charset = encoding === 'utf16le' ? 'utf-16le' : 'iso-8859-1';
  return { contentType: `application/json; charset=${charset}`, bytes: Buffer.from(JSON.stringify(value), encoding) };
}

/** The recipe as bytes for the fixture of the moment. */
export function toWire(
  operation: Operation,
  recipe: Recipe,
  fixture: RouteFuzzFixture,
  context: { jwtSecret: string; baseDomain: string },
): WireRequest {
  const realValue = (value: Real): string => {
    const raw = value.real === 'host' ? `${fixture.slug}.${context.baseDomain}` : fixture.ids[value.real];
    if (raw === undefined) throw new Error(`The fixture has no ${value.real}`);
    const bent = {
      exact: raw,
      upper: raw.toUpperCase(),
      nul: `${raw}%00`,
      suffix: `${raw}x`,
      slug: value.real === 'host' ? raw : fixture.slug,
      twice: `${raw}, ${raw}`,
    } as const;
    return bent[value.as];
  };
  const resolve = (value: Value): string => (typeof value === 'string' ? value : realValue(value));
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => resolve(recipe.segments[name]));
  const query = recipe.query.map(([key, value]) => `${key}=${value}`).join('&');
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(recipe.headers)) {
    // A real value in a header travels undecoded: no percent signs there.
    headers[name] = Array.isArray(value) ? value.map((v) => resolve(v).replaceAll('%00', '')) : resolve(value).replaceAll('%00', '');
  }
  Object.assign(headers, authHeaders(recipe.auth, fixture, context.jwtSecret));
  if (recipe.body) {
    if (recipe.body.contentType !== undefined) headers['content-type'] = recipe.body.contentType;
    if (!recipe.body.chunked) headers['content-length'] = String(recipe.body.bytes.length);
    else headers['transfer-encoding'] = 'chunked';
  }
  return { method: recipe.method.toUpperCase(), path: query ? `${path}?${query}` : path, headers, body: recipe.body?.bytes };
}

function authHeaders(auth: Auth, fixture: RouteFuzzFixture, jwtSecret: string): Record<string, string | string[]> {
  const ownerToken = fixture.auth.Authorization.slice('Bearer '.length);
  switch (auth.kind) {
    case 'owner':
      return { authorization: fixture.auth.Authorization };
    case 'none':
      return {};
    case 'api-key':
      return auth.via === 'x-api-key' ? { 'x-api-key': fixture.apiKey } : { authorization: `Bearer ${fixture.apiKey}` };
    case 'junk':
      return auth.headers;
    case 'tampered':
      return { authorization: `${auth.scheme} ${tamperSignature(ownerToken)}` };
    case 'forged': {
      const fill = (v: unknown) => (v === '$user' ? fixture.userId : v === '$org' ? fixture.organizationId : v);
      const claims = Object.fromEntries(Object.entries(auth.claims).map(([k, v]) => [k, fill(v)]));
      if (auth.expired) claims.exp = Math.floor(Date.now() / 1000) - 3600;
      const secret = auth.secret === 'ours' ? jwtSecret : 'another-secret-that-is-long-enough-987654';
      return { authorization: `Bearer ${signJwt(secret, claims)}` };
    }
  }
}
