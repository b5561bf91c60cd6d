import type { Readable } from 'node:stream';

/**
 * Where media bytes live; the rows that point at them are in PostgreSQL.
 * Keys are chosen by the application ("<organization>/<site>/<uuid>"). An
 * adapter for object storage (S3, GCS) implements the same three calls.
 */
export abstract class MediaStorage {
  /** Stores the stream under `key` and returns its size; on failure nothing is left at `key` or anywhere else. */
  abstract put(key: string, content: Readable): Promise<number>;

  /** Removes the object; one that is already gone is not an error. */
  abstract delete(key: string): Promise<void>;

  abstract open(key: string): Readable;

  /** Removes every object whose key starts with `prefix` (a whole organization's media). */
  abstract deletePrefix(prefix: string): Promise<void>;
}
