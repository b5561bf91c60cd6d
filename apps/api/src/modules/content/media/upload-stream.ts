import type { MultipartFile } from '@fastify/multipart';
import { Readable } from 'node:stream';
import { InvalidUploadError, MediaTooLargeError } from './media.errors';

/**
 * The bytes of an upload's file part, failing with a 4xx whenever the part
 * does not end properly: past the size limit (413), or cut off — the body
 * ended before the part's closing boundary, or the client went away (400).
 * Failures surface only as the bytes are read, so none goes unheard.
 */
export function uploadContent(part: MultipartFile, maxBytes: number): Readable {
  return Readable.from(fileBytes(part, maxBytes), { objectMode: false });
}

async function* fileBytes(part: MultipartFile, maxBytes: number): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of part.file) yield chunk as Buffer;
  } catch {
    // A multipart parser error, or the stream destroyed before its end: a malformed request, never a 500.
    throw new InvalidUploadError('the upload ended before its file did');
  }
  if (part.file.truncated) throw new MediaTooLargeError(maxBytes);
}

/** Fails with `error()` as soon as more than `limit` bytes have passed. */
export function limitBytes(content: Readable, limit: number, error: () => Error): Readable {
  return Readable.from(limited(content, limit, error), { objectMode: false });
}

async function* limited(content: Readable, limit: number, error: () => Error): AsyncGenerator<Buffer> {
  let seen = 0;
  for await (const chunk of content) {
    seen += (chunk as Buffer).length;
    if (seen > limit) throw error();
    yield chunk as Buffer;
  }
}
