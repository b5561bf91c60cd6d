import fc from 'fast-check';

/**
 * What the fuzzers share: the seed and run count (fixed, printed, overridable
 * with FUZZ_SEED / FUZZ_RUNS for a longer local run), the hostile values, the
 * operations of an OpenAPI document, bodies shaped like a schema, and the one
 * verdict every answer gets.
 */

export interface Schema {
  type?: string;
  format?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  $ref?: string;
  allOf?: Schema[];
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  /** Media type → schema of the request body, when the operation takes one. */
  body: Record<string, Schema>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema: Schema }> } }>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface FuzzSettings {
  seed: number;
  runs: number;
}

/** The seed and runs per property: fixed unless FUZZ_SEED / FUZZ_RUNS say otherwise, so a failure replays. */
export function fuzzSettings(name: string, defaults: FuzzSettings): FuzzSettings {
  const seed = numberFromEnv('FUZZ_SEED') ?? defaults.seed;
  const runs = numberFromEnv('FUZZ_RUNS') ?? defaults.runs;
  process.stdout.write(`${name}: seed ${seed}, ${runs} runs per operation (set FUZZ_SEED / FUZZ_RUNS to change)\n`);
  return { seed, runs };
}

function numberFromEnv(name: string): number | undefined {
  const value = process.env[name];
  if (value === undefined || value === '') return undefined;
  if (!/^-?\d+$/.test(value)) throw new Error(`${name} must be an integer, not ${value}`);
  return Number(value);
}

/** Strings PostgreSQL, JSON columns or a careless parser choke on. */
export const hostileString = fc.oneof(
  fc.string(),
  fc.string().map((s) => `${s}\u0000${s}`),
  fc.constantFrom('\ud800', 'a\udc00b', '\uffff', '\u202e', '\r\n', '../../etc/passwd', "'; DROP TABLE users; --", '%00', '${7*7}'),
  fc.string({ minLength: 5_000, maxLength: 20_000 }),
  fc.string({ unit: 'binary' }),
);

export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
);

/** Every method of every path of the document. */
export function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({
      method,
      path,
      parameters: operation.parameters ?? [],
      body: Object.fromEntries(Object.entries(operation.requestBody?.content ?? {}).map(([type, media]) => [type, media.schema])),
    })),
  );
}

/** Bodies shaped like a schema of the document: each declared property hostile half the time, now and then a key it does not know. */
export function schemaBodies(document: OpenApiDocument): (schema: Schema) => fc.Arbitrary<unknown> {
  const resolve = resolverOf(document);

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

  return (schema) => {
    const properties = Object.entries(resolve(schema).properties ?? {});
    const fields = Object.fromEntries(properties.map(([name, property]) => [name, valueFor(resolve(property))]));
    return fc
      .record(fields, { requiredKeys: [] })
      .chain((body) =>
        fc
          .option(fc.tuple(fc.string({ minLength: 1 }), anyJson), { nil: undefined })
          .map((extra) => (extra ? { ...body, [extra[0]]: extra[1] } : body)),
      );
  };
}

/** Bodies a client that read the schema would send: every declared property, of its type, ordinary values. */
export function plausibleBodies(document: OpenApiDocument): (schema: Schema) => fc.Arbitrary<unknown> {
  const resolve = resolverOf(document);
  const valueFor = (schema: Schema): fc.Arbitrary<unknown> => {
    if (schema.enum) return fc.constantFrom(...schema.enum);
    if (schema.type === 'integer' || schema.type === 'number') return fc.integer({ min: 0, max: 100 });
    if (schema.type === 'boolean') return fc.boolean();
    if (schema.type === 'array') return fc.array(valueFor(resolve(schema.items ?? {})), { maxLength: 2 });
    if (schema.type !== 'string') return fc.constant({});
    const byFormat: Record<string, fc.Arbitrary<unknown>> = {
      uuid: fc.uuid(),
      email: fc.nat().map((n) => `fuzz-${n}@example.test`),
      'date-time': fc.constant(new Date(Date.now() + 86_400_000).toISOString()),
      uri: fc.constantFrom('http://localhost:3000/ok', 'https://example.test/hook'),
    };
    return byFormat[schema.format ?? ''] ?? fc.constantFrom('Fuzz', 'fuzz-value', 'not-the-password-42');
  };
  return (schema) => {
    const properties = Object.entries(resolve(schema).properties ?? {});
    return fc.record(Object.fromEntries(properties.map(([name, property]) => [name, valueFor(resolve(property))])));
  };
}

function resolverOf(document: OpenApiDocument): (schema: Schema) => Schema {
  const schemas = document.components?.schemas ?? {};
  const resolve = (schema: Schema): Schema => (schema.$ref ? resolve(schemas[schema.$ref.split('/').pop() as string]) : schema);
  return resolve;
}

/**
 * What is wrong with an answer, or null: a 5xx is always wrong, and a 4xx
 * must be exactly the contract's error envelope (a HEAD answer has no body).
 */
export function answerProblem(method: string, status: number, body: unknown): string | null {
  if (status >= 500) return `${status} ${JSON.stringify(body)?.slice(0, 300)}`;
  if (status < 400 || method.toUpperCase() === 'HEAD') return null;
  return isErrorEnvelope(body) ? null : `${status} outside the error envelope: ${JSON.stringify(body)?.slice(0, 300)}`;
}

function isErrorEnvelope(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const { success, error, ...rest } = body as { success?: unknown; error?: { code?: unknown; message?: unknown } };
  return (
    success === false &&
    Object.keys(rest).length === 0 &&
    typeof error === 'object' &&
    error !== null &&
    typeof error.code === 'string' &&
    typeof error.message === 'string'
  );
}
