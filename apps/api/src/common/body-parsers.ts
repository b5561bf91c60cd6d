import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ValidationFailedError } from '@plinth/tenancy';

/** Deeper JSON is refused before it is parsed: no API body nests anywhere near this. */
export const MAX_JSON_DEPTH = 32;

/** Newline-delimited JSON: read as it arrives by the routes that take it (@TakesNdjson), never buffered. */
export const NDJSON = 'application/x-ndjson';

/**
 * The API reads JSON, multipart on the routes that take an upload, and
 * NDJSON on the routes that take a stream of records; anything else is 415.
 * A JSON body's nesting is counted on the raw bytes before it is parsed,
 * and the raw bytes are kept (`rawBody`) for signature checks. An NDJSON
 * body is left unread for its route (the content-type guard refuses it
 * everywhere else).
 */
export function registerBodyParsers(fastify: FastifyInstance, bodyLimit: number): void {
  fastify.removeAllContentTypeParsers();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit }, (request, body: Buffer, done) => {
    (request as FastifyRequest & { rawBody?: Buffer }).rawBody = body;
    if (nestingDepthOf(body) > MAX_JSON_DEPTH) {
      done(new ValidationFailedError(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`), undefined);
      return;
    }
    parseJson(request, body.toString('utf8'), done);
  });
  fastify.addContentTypeParser(NDJSON, (_request, _payload, done) => done(null, undefined));
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENERS = new Set([0x5b, 0x7b]);
const CLOSERS = new Set([0x5d, 0x7d]);

/** The deepest nesting of arrays and objects, outside strings; stops counting once past the cap. */
export function nestingDepthOf(json: Buffer): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < json.length && deepest <= MAX_JSON_DEPTH; i++) {
    const byte = json[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (OPENERS.has(byte)) deepest = Math.max(deepest, ++depth);
    else if (CLOSERS.has(byte)) depth--;
  }
  return deepest;
}
