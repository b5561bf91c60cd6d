import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Readable } from 'node:stream';
import { MediaStorage } from '../../content/media/media-storage';

/**
 * The CMS's MediaStorage, for moving media bytes out (export) and in
 * (import). The CMS module imports this one — it registers its export
 * sources here — so the storage cannot be injected the usual way; it is
 * looked up in the built application the first time it is needed. A
 * deployment without the CMS has no media records, so never asks.
 */
@Injectable()
export class MediaBytes {
  private resolved?: MediaStorage;

  constructor(private readonly moduleRef: ModuleRef) {}

  open(key: string): Readable {
    return this.storage.open(key);
  }

  /** Stores the stream and returns its size; on failure nothing is left at `key`. */
  put(key: string, content: Readable): Promise<number> {
    return this.storage.put(key, content);
  }

  deletePrefix(prefix: string): Promise<void> {
    return this.storage.deletePrefix(prefix);
  }

  private get storage(): MediaStorage {
    this.resolved ??= this.moduleRef.get(MediaStorage, { strict: false });
    return this.resolved;
  }
}
