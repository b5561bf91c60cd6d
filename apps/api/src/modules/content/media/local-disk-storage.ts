import { OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MediaStorage } from './media-storage';

/** Lower-case path segments of letters, digits and hyphens: no dots, so no way out of the root. */
const STORAGE_KEY = /^[a-z0-9-]+(\/[a-z0-9-]+)*$/;

/**
 * Files under one directory. A file is written to a temporary name first
 * and renamed into place once complete (same filesystem, so atomic): a key
 * never names a half-written file.
 */
export class LocalDiskStorage extends MediaStorage implements OnModuleInit {
  private readonly staging: string;

  constructor(private readonly root: string) {
    super();
    this.staging = join(root, '.staging');
  }

  /** Fails the boot, naming the directory, when it cannot be written. */
  async onModuleInit(): Promise<void> {
    await mkdir(this.staging, { recursive: true });
  }

  async put(key: string, content: Readable): Promise<number> {
    const target = this.pathOf(key);
    const temporary = join(this.staging, randomUUID());
    // Opened up front: a lazily opened stream destroyed early could create the file after it was removed.
    const file = (await open(temporary, 'wx')).createWriteStream();
    try {
      await pipeline(content, file);
      await mkdir(dirname(target), { recursive: true });
      await rename(temporary, target);
      return file.bytesWritten;
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async deletePrefix(prefix: string): Promise<void> {
    await rm(this.pathOf(prefix), { recursive: true, force: true });
  }

  open(key: string): Readable {
    return createReadStream(this.pathOf(key));
  }

  private pathOf(key: string): string {
    if (!STORAGE_KEY.test(key)) throw new Error(`Not a storage key: ${key}`);
    return join(this.root, key);
  }
}
