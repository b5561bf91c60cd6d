import { lineError } from './organization-import.errors';

export interface Line {
  /** From 1, counting every line of the body, blank ones included. */
  number: number;
  text: string;
}

const NEWLINE = 0x0a;

/**
 * The body's lines as they arrive, holding at most `maxBytes` of one line:
 * a longer line fails, naming it, instead of growing memory. A line must be
 * UTF-8; a trailing CR is dropped, and blank lines are skipped.
 */
export async function* ndjsonLines(body: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<Line> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let number = 0;
  for await (const chunk of body) {
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      number++;
      const tail = chunk.subarray(start, end);
      if (pendingBytes + tail.length > maxBytes) throw tooLong(number, maxBytes);
      const text = decode(pending.length > 0 ? Buffer.concat([...pending, tail]) : tail, number);
      pending = [];
      pendingBytes = 0;
      start = end + 1;
      if (text.trim()) yield { number, text };
    }
    const rest = chunk.subarray(start);
    if (pendingBytes + rest.length > maxBytes) throw tooLong(number + 1, maxBytes);
    if (rest.length > 0) {
      pending.push(rest);
      pendingBytes += rest.length;
    }
  }
  if (pendingBytes === 0) return;
  const text = decode(Buffer.concat(pending), ++number);
  if (text.trim()) yield { number, text };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decode(bytes: Buffer, number: number): string {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw lineError(number, 'line', 'the line is not UTF-8');
  }
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}

function tooLong(number: number, maxBytes: number) {
  return lineError(number, 'line', `the line is longer than ${maxBytes} bytes`);
}
