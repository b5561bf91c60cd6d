import { Injectable } from '@nestjs/common';
import { InjectThrottlerStorage, ThrottlerStorage } from '@nestjs/throttler';
import { AppConfig } from '../../../config/app-config';

const WINDOW_MS = 60_000;
const STEP_MS = 250;
const MOST_MS = 5_000;

/**
 * Attempts on one address from anywhere: past AUTH_SLOWDOWN_AFTER a minute,
 * each further attempt waits a little longer (up to 5 s) rather than being
 * refused, so a guesser is slowed and the owner is never locked out.
 */
@Injectable()
export class LoginSlowdown {
  constructor(
    @InjectThrottlerStorage() private readonly storage: ThrottlerStorage,
    private readonly config: AppConfig,
  ) {}

  async wait(email: string): Promise<void> {
    const { totalHits } = await this.storage.increment(`login:${email}`, WINDOW_MS, Number.MAX_SAFE_INTEGER, 0, 'login-slowdown');
    const over = totalHits - this.config.AUTH_SLOWDOWN_AFTER;
    if (over > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(MOST_MS, over * STEP_MS)));
  }
}
