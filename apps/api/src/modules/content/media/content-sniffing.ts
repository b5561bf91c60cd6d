import { filetypemime } from 'magic-bytes.js';
import { Readable } from 'node:stream';
import { ContentMismatchError } from './media.errors';

/** Enough of the head for every signature of MEDIA_TYPES (MP4's `ftyp` brand ends at byte 12). */
const HEAD_BYTES = 32;

/**
 * Passes the bytes through once their head matches the declared type, or
 * fails with 415 before anything past the head is read: a file named
 * `a.png` whose bytes are HTML is never stored, so never served as one.
 */
export function sniffedContent(content: Readable, declaredType: string): Readable {
  return Readable.from(checked(content, declaredType), { objectMode: false });
}

async function* checked(content: Readable, declaredType: string): AsyncGenerator<Buffer> {
  let head = Buffer.alloc(0);
  let matched = false;
  for await (const chunk of content) {
    if (matched) {
      yield chunk as Buffer;
      continue;
    }
    head = Buffer.concat([head, chunk as Buffer]);
    if (head.length < HEAD_BYTES) continue;
    assertType(head, declaredType);
    matched = true;
    yield head;
  }
  if (matched || head.length === 0) return;
  assertType(head, declaredType);
  yield head;
}

function assertType(head: Buffer, declaredType: string): void {
  const detected = filetypemime(head);
  if (!detected.includes(declaredType)) throw new ContentMismatchError(declaredType, detected[0] ?? null);
}
