import fc from 'fast-check';
import { anyJson, hostileString } from './fuzz-kit';

/**
 * The hostile values the route fuzzer puts on the wire, already in wire
 * form: path segments and query values percent-encoded (or deliberately
 * not), header values in the bytes Node lets a client send (tab, 0x20–0x7e,
 * 0x80–0xff).
 */

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

/** Percent-encodes every byte of the UTF-8 form but the unreserved ones (a lone surrogate becomes U+FFFD). */
export function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) => {
      const char = String.fromCharCode(byte);
      return UNRESERVED.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

const latin1 = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i));

/** Characters a raw request line may carry as they are, but for the ones that end a segment or start a query. */
const RAW_PATH_CHARS = [...latin1(0x21, 0x7e), ...latin1(0x80, 0xff)].filter((c) => !'/?#%'.includes(c));
const HEADER_CHARS = ['\t', ...latin1(0x20, 0x7e), ...latin1(0x80, 0xff)];

const capped = (max: number) => hostileString.map((s) => s.slice(0, max));

/** Broken, hostile and look-alike UUIDs, in wire form. */
export const badUuid = fc.oneof(
  fc.uuid().map((u) => u.toUpperCase()),
  fc
    .uuid()
    .chain((u) =>
      fc.constantFrom(
        u.replaceAll('-', ''),
        `%7B${u}%7D`,
        `${u}0`,
        u.slice(0, -1),
        `${u.slice(0, -1)}g`,
        `urn:uuid:${u}`,
        `${u}%00`,
        `%20${u}`,
        `${u}%20`,
        `${u}.json`,
        `${u};x=1`,
        `${u},${u}`,
        u.replaceAll('-', '%2D'),
        u.replaceAll('-', '_'),
        percentEncode(u.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)))),
      ),
    ),
  fc.constantFrom('00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF'),
);

const JUNK_SEGMENTS = [
  '..',
  '.',
  '%2e%2e',
  '%2E%2E%2F',
  '..%2F..%2Fetc%2Fpasswd',
  '%2F',
  '%5C',
  '%00',
  'a%00b',
  '%',
  '%zz',
  '%E0%A4%A',
  '%C0%AF',
  '%ED%A0%80',
  '%FF%FE',
  '%F4%90%80%80',
  '%EF%BB%BF',
  'null',
  'undefined',
  'NaN',
  '0',
  '-1',
  '1e3',
  'true',
  '%20',
  '%0D%0A',
  '%22%27%3B--',
  '{id}',
  ':id',
  '*',
  '%2A',
  '%7B%7D',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '%C3%A9',
  'é',
  'ÿ',
  '~',
  'plk_0000',
  'cs_test_0000',
  'me',
  'invites',
];

/** A path segment that is not the one the route wants, in wire form. */
export const badSegment: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...JUNK_SEGMENTS) },
  { weight: 2, arbitrary: fc.uuid() },
  { weight: 3, arbitrary: badUuid },
  { weight: 2, arbitrary: capped(300).map(percentEncode) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...RAW_PATH_CHARS), minLength: 1, maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).map(percentEncode) },
  // Just past the router's parameter length, long, and past what Node reads of a request head.
  { weight: 1, arbitrary: fc.constantFrom(101, 1_000, 8_000, 20_000).map((n) => 'a'.repeat(n)) },
);

/** Free text as a header value: printable, Latin-1, sometimes long. */
export const headerText: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.string({ unit: fc.constantFrom(...HEADER_CHARS), maxLength: 120 }) },
  { weight: 2, arbitrary: fc.constantFrom('', ' ', 'null', 'undefined', '\t', 'é', 'ÿÿ', '%00', '{}', '[]', '"', ',', ';', '=', 'true') },
  { weight: 1, arbitrary: fc.constantFrom(300, 4_000, 12_000).map((n) => 'x'.repeat(n)) },
);

/** A base64 cursor of whatever JSON, and things that are not base64 at all. */
export const badCursor: fc.Arbitrary<string> = (() => {
  const dateish = fc.oneof(
    fc.date().map((d) => (Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString())),
    capped(40),
    fc.integer(),
    fc.constant(null),
  );
  const idish = fc.oneof(fc.uuid(), capped(40), fc.integer(), fc.constant(null));
  const json = fc.oneof(fc.tuple(dateish, idish), fc.tuple(dateish, idish, anyJson), anyJson, fc.array(anyJson, { maxLength: 4 }));
  const text = (value: unknown) => JSON.stringify(value) ?? 'undefined';
  return fc.oneof(
    json.map((value) => Buffer.from(text(value)).toString('base64url')),
    json.map((value) => percentEncode(Buffer.from(text(value)).toString('base64'))),
    fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes).toString('base64url')),
    fc.constantFrom('!!!', '====', 'a', '%00', 'null', 'e30', 'W10', 'WyIiLCIiXQ', 'x'.repeat(199), 'x'.repeat(201)),
  );
})();

const NUMBERS = ['1', '20', '100', '0', '-1', '101', '1e1', '0x10', '1.5', 'NaN', 'Infinity', '', '%201', '+1', '01', '1%00', '%D9%A1'];
const MORE_NUMBERS = ['99999999999999999999999', '9007199254740993', '1,2', '%5B1%5D', '-0', '1_000'];
const DATES = [
  new Date().toISOString(),
  '2026-01-01',
  '0',
  '-004714-01-01T00:00:00Z',
  '%2B275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00.000Z',
  '2026-13-45T25:61:61Z',
  '2026-02-30T00:00:00Z',
  'now',
  'Infinity',
  '1e20',
  '9999-12-31T23:59:59.999Z',
  '2026-01-01T00:00:00%2B99:99',
  '2026-01-01T00:00:00Z%00',
  '1970-01-01T00:00:00.000Z',
];
const BOOLEANS = ['true', 'false', 'TRUE', 'yes', '1', '0', '', 'null', '%00', 'true,false'];

/** A value for a declared query parameter: right by type now and then, mostly wrong. */
export function queryValue(name: string, type: string | undefined, format: string | undefined, choices: unknown[] | undefined) {
  const junk = fc.oneof(
    capped(200).map(percentEncode),
    fc.constantFrom('%zz', '%E0%A4%A', '%00', '%26%26', '==', ';', '%', 'x'.repeat(5_000)),
  );
  const typed =
    name === 'cursor'
      ? badCursor
      : choices
        ? fc.oneof(
            fc.constantFrom(...choices.map(String)),
            fc.constantFrom(...choices.map((c) => String(c).toUpperCase())),
            fc.constantFrom(choices.map(String).join(',')),
          )
        : type === 'number' || type === 'integer'
          ? fc.constantFrom(...NUMBERS, ...MORE_NUMBERS)
          : type === 'boolean'
            ? fc.constantFrom(...BOOLEANS)
            : format === 'date-time'
              ? fc.constantFrom(...DATES)
              : format === 'uuid'
                ? fc.oneof(fc.uuid(), badUuid)
                : fc.oneof(fc.string({ maxLength: 30 }).map(percentEncode), fc.constantFrom('member.role_changed', 'site.created'));
  return fc.oneof({ weight: 3, arbitrary: typed }, { weight: 1, arbitrary: junk });
}

/** Query keys nobody declared, and the ones a careless parser turns into objects or prototypes. */
export const unknownQueryKey = fc.oneof(
  fc.constantFrom(
    'unknown',
    'foo',
    '__proto__',
    'constructor',
    'constructor%5Bprototype%5D%5Bx%5D',
    '__proto__%5Bx%5D',
    '',
    'LIMIT',
    '%00',
    'sort',
    'offset',
    'page',
    'organizationId',
    'filter%5BorganizationId%5D',
    'x'.repeat(3_000),
  ),
  fc.string({ maxLength: 20 }).map(percentEncode),
);

/** Content types a body may claim, most of them wrong for it. */
export const oddContentType: fc.Arbitrary<string | string[]> = fc.constantFrom<string | string[]>(
  'application/json; charset=utf-8',
  'application/json;charset=UTF-8',
  'Application/JSON',
  'application/json; charset=bogus',
  'application/json; charset=',
  'application/json; charset="utf-8"',
  'application/json;;',
  'application/json; boundary=x',
  'application/json, text/plain',
  'application/jsonx',
  'application/vnd.api+json',
  'application/merge-patch+json',
  'text/json',
  'text/plain',
  'text/plain; charset=utf-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=fuzz',
  'multipart/mixed; boundary=fuzz',
  'application/x-ndjson',
  'application/octet-stream',
  '*/*',
  '',
  ';',
  'application/',
  '/json',
  'application/json\t',
  'é/ü',
  'x'.repeat(5_000),
  ['application/json', 'text/plain'],
);

/** Bytes that claim to be JSON. */
export const junkJsonBytes: fc.Arbitrary<Buffer> = fc.oneof(
  fc
    .constantFrom(
      '',
      ' ',
      'null',
      'true',
      '0',
      '"x"',
      '[]',
      '[{}]',
      '{',
      '}',
      '{"a":',
      '{"a":1}{"b":2}',
      '\uFEFF{}',
      '{"__proto__":{"polluted":1}}',
      '{"constructor":{"prototype":{"polluted":1}}}',
      '{"a":1,"a":2}',
      '1e999',
      '-0',
      '{"name":1e999}',
      '\u0000',
      'NaN',
      'undefined',
      "{'a':1}",
      '{"a":"\\ud800"}',
      '{"a":"\\u0000"}',
      `${'['.repeat(33)}${']'.repeat(33)}`,
      `${'{"a":'.repeat(32)}1${'}'.repeat(32)}`,
    )
    .map((text) => Buffer.from(text)),
  fc.constant(Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc0, 0xaf, 0x22, 0x7d])),
  fc.uint8Array({ maxLength: 256 }).map((bytes) => Buffer.from(bytes)),
  // Past the 1 MiB body limit.
  fc.constant(Buffer.alloc(1024 * 1024 + 16, 0x20)),
);

export interface MultipartBody {
  contentType: string;
  bytes: Buffer;
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(24, 7)]);

const part = fc.record({
  name: fc.constantFrom('file', 'File', 'files', 'file[]', '', 'x'.repeat(2_000), 'é', '"'),
  filename: fc.option(fc.constantFrom('a.png', '', '../../etc/passwd', 'a\u0000.png', 'ü.png', 'x'.repeat(5_000), '"q".png', 'a;b.png'), {
    nil: undefined,
  }),
  type: fc.option(fc.constantFrom('image/png', 'image/jpeg', 'text/html', 'application/octet-stream', '', 'image/svg+xml', 'x/y; z'), {
    nil: undefined,
  }),
  content: fc.oneof(
    fc.constant(PNG),
    fc.constant(Buffer.alloc(0)),
    fc.constant(Buffer.from('<script>alert(1)</script>')),
    fc.constant(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>')),
    fc.uint8Array({ maxLength: 512 }).map((bytes) => Buffer.from(bytes)),
  ),
});

/** Multipart bodies, well-formed and not: wrong names, many files, too many fields, broken boundaries. */
export const multipartBody: fc.Arbitrary<MultipartBody> = fc
  .record({
    parts: fc.array(part, { maxLength: 3 }),
    fields: fc.nat({ max: 12 }),
    structure: fc.constantFrom('proper', 'unclosed', 'wrong-boundary', 'no-boundary-param', 'empty'),
  })
  .map(({ parts, fields, structure }) => {
    const boundary = 'fuzzBoundary7MA4YWxkTrZu0gW';
    const chunks: Buffer[] = [];
    for (const p of parts) {
      const disposition = `form-data; name="${p.name}"${p.filename === undefined ? '' : `; filename="${p.filename}"`}`;
      const type = p.type === undefined ? '' : `\r\nContent-Type: ${p.type}`;
      chunks.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`, 'latin1'),
        p.content,
        Buffer.from('\r\n'),
      );
    }
    for (let i = 0; i < fields; i++) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nv\r\n`));
    if (structure !== 'unclosed') chunks.push(Buffer.from(`--${boundary}--\r\n`));
    const bytes = structure === 'empty' ? Buffer.alloc(0) : Buffer.concat(chunks);
    const contentType =
      structure === 'no-boundary-param'
        ? 'multipart/form-data'
        : `multipart/form-data; boundary=${structure === 'wrong-boundary' ? 'other' : boundary}`;
    return { contentType, bytes };
  });

/** NDJSON streams: records of every shape, broken lines, blank lines, no trailing newline. */
export const ndjsonBytes: fc.Arbitrary<Buffer> = fc
  .array(
    fc.oneof(
      anyJson.map((value) => JSON.stringify(value) ?? ''),
      fc
        .record({ type: fc.constantFrom('organization', 'site', 'post', 'member', 'media', 'x'), data: anyJson })
        .map((r) => JSON.stringify(r)),
      fc.constantFrom('{', '', '   ', '{"type":"organization"}{"type":"site"}', '\u0000', '[]'),
    ),
    { maxLength: 5 },
  )
  .chain((lines) => fc.constantFrom('\n', '\r\n').map((eol) => Buffer.from(lines.join(eol))));
