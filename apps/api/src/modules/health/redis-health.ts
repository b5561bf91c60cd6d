import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { RATE_LIMIT_STORAGE } from '../quotas/api-key-limits.guard';
import { within } from './within';

const TIMEOUT_MS = 1_000;

/** With REDIS_URL: PING on the connection the rate limits use (the only Redis client the API has). */
@Injectable()
export class RedisHealth {
  constructor(
    @Inject(RATE_LIMIT_STORAGE) private readonly storage: ThrottlerStorage,
    private readonly indicator: HealthIndicatorService,
  ) {}

  get configured(): boolean {
    return this.storage instanceof ThrottlerStorageRedisService;
  }

  async check(key: string) {
    const session = this.indicator.check(key);
    try {
      await within((this.storage as ThrottlerStorageRedisService).redis.ping(), TIMEOUT_MS, 'Redis');
      return session.up();
    } catch (error) {
      return session.down({ message: (error as Error).message });
    }
  }
}
