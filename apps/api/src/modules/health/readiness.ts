import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckResult, HealthCheckService, HealthIndicatorFunction, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { AppConfig } from '../../config/app-config';
import { NotReadyError } from './health.errors';
import { MailHealth } from './mail-health';
import { QueueHealth } from './queue-health';
import { RedisHealth } from './redis-health';
import { StripeHealth } from './stripe-health';

/**
 * Can this process serve traffic now? The database, the job queue, Redis when
 * configured, and SMTP where this process delivers mail (JOBS_ENABLED: an
 * API-only process only queues it). Stripe is reported but never fails it.
 */
@Injectable()
export class Readiness {
  private readonly checks: HealthIndicatorFunction[];

  constructor(
    private readonly health: HealthCheckService,
    database: TypeOrmHealthIndicator,
    queue: QueueHealth,
    mail: MailHealth,
    redis: RedisHealth,
    stripe: StripeHealth,
    config: AppConfig,
  ) {
    this.checks = [
      () => database.pingCheck('database', { timeout: 2_000 }),
      () => queue.check('queue'),
      ...(config.JOBS_ENABLED ? [() => mail.check('mail')] : []),
      ...(redis.configured ? [() => redis.check('redis')] : []),
      ...(stripe.configured ? [() => stripe.check('stripe')] : []),
    ];
  }

  async check(): Promise<HealthCheckResult> {
    try {
      return await this.health.check(this.checks);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const { details } = error.getResponse() as HealthCheckResult;
      throw new NotReadyError(Object.fromEntries(Object.entries(details).map(([key, check]) => [key, check.status])));
    }
  }
}
