import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { sniffedContent } from '../../content/media/content-sniffing';
import type { MediaBytes } from '../export/media-bytes';

/**
 * A media file stored as its parts arrive, at the pace storage takes them
 * (a write waits while the storage is behind). Its first bytes must be its
 * declared type, as for an upload.
 */
export class IncomingFile {
  private readonly input = new PassThrough();
  private readonly stored: Promise<number>;

  constructor(bytes: MediaBytes, key: string, contentType: string) {
    this.stored = bytes.put(key, sniffedContent(this.input, contentType));
    // Observed by write() and end(); a failure before either asks is not unhandled.
    this.stored.catch(() => undefined);
  }

  /** Fails as soon as storing has failed (the bytes are not their type, say). */
  async write(part: Buffer): Promise<void> {
    if (this.input.destroyed) {
      await this.stored;
      throw new Error('The file was closed before its end');
    }
    if (!this.input.write(part)) await Promise.race([once(this.input, 'drain'), this.stored]);
  }

  /** The stored size, once the file is complete. */
  end(): Promise<number> {
    this.input.end();
    return this.stored;
  }

  /** Stops storing; resolves once storage has removed its partial copy, so nothing of it outlives the answer. */
  async abort(): Promise<void> {
    // Without an error: nothing may be listening yet (storage still opening its file), and the store fails anyway (premature close).
    this.input.destroy();
    await this.stored.catch(() => undefined);
  }
}
