import { Injectable } from '@nestjs/common';
import { RateLimitedError } from '@plinth/tenancy';

/** Imports running at once in this process: each holds a database connection while its body arrives. */
const IMPORTS_AT_ONCE = 2;
const RETRY_AFTER_SECONDS = 10;

/** One import per user at a time, and a few per process (429 beyond), so imports never take the pool the API needs. */
@Injectable()
export class ImportSlots {
  private readonly running = new Set<string>();

  /** Takes a slot for the user; the function given back frees it. */
  take(userId: string): () => void {
    if (this.running.has(userId) || this.running.size >= IMPORTS_AT_ONCE) throw new RateLimitedError(RETRY_AFTER_SECONDS);
    this.running.add(userId);
    return () => this.running.delete(userId);
  }
}
