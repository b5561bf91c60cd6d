import { Injectable, Logger } from '@nestjs/common';
import { MediaStorage } from './media-storage';

/**
 * Deletes the files of media rows that are gone, once that has committed.
 * The database is the truth: a file that cannot be deleted is an orphan to
 * sweep, logged, and never an error for the caller.
 */
@Injectable()
export class StoredFiles {
  private readonly logger = new Logger(StoredFiles.name);

  constructor(private readonly storage: MediaStorage) {}

  async discard(keys: string[]): Promise<void> {
    const results = await Promise.allSettled(keys.map((key) => this.storage.delete(key)));
    results.forEach((result, i) => {
      if (result.status === 'rejected') this.logger.error({ err: result.reason, storageKey: keys[i] }, 'Stored file not deleted');
    });
  }
}
