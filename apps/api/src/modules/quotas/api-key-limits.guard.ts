import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { ApiCallMeter, PlanCatalog, QuotaExceededError } from '@plinth/quota';
import { RateLimitedError } from '@plinth/tenancy';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../../config/app-config';
import type { ApiKeyPrincipal } from '../api-keys/api-key-authenticator';
import { QuotaWarnings } from './quota-warnings';

const WINDOW_MS = 1_000;

/** Marks the bench-only twin route that measures what metering costs; never on a real route. */
export const SKIP_METERING = 'plinth:skipMetering';

/** Memory in one process, Redis (REDIS_URL) across several. */
export const RATE_LIMIT_STORAGE = Symbol('plinth:rateLimitStorage');

/**
 * The developer API's limits, for API-key requests only (console sessions
 * are limited on the auth endpoints alone): the plan's requests per second
 * per organization (429), then the period's API-call quota (402), metered
 * without a database round trip.
 */
@Injectable()
export class ApiKeyLimitsGuard implements CanActivate {
  constructor(
    @Inject(RATE_LIMIT_STORAGE) private readonly storage: ThrottlerStorage,
    private readonly catalog: PlanCatalog,
    private readonly meter: ApiCallMeter,
    private readonly warnings: QuotaWarnings,
    private readonly config: AppConfig,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const principal = http.getRequest<FastifyRequest & { user?: { kind: string } }>().user;
    if (principal?.kind !== 'api_key') return true;
    const key = principal as ApiKeyPrincipal;
    await this.rateLimit(key, http.getResponse<FastifyReply>());
    if (!this.reflector.get<boolean>(SKIP_METERING, context.getHandler())) await this.meterCall(key);
    return true;
  }

  private async rateLimit(key: ApiKeyPrincipal, reply: FastifyReply): Promise<void> {
    const limit = this.catalog.plan(key.planTier).rateLimitPerSecond;
    const record = await this.storage.increment(key.organizationId, WINDOW_MS, limit, WINDOW_MS, 'api');
    reply.header('X-RateLimit-Limit', limit);
    reply.header('X-RateLimit-Remaining', Math.max(limit - record.totalHits, 0));
    reply.header('X-RateLimit-Reset', record.timeToExpire);
    if (record.isBlocked) throw new RateLimitedError(Math.max(1, record.timeToBlockExpire));
  }

  private async meterCall(key: ApiKeyPrincipal): Promise<void> {
    const call = await this.meter.record(key.organizationId, key.planTier);
    if (!call.allowed) {
      throw new QuotaExceededError({
        dimension: 'api_calls',
        current: call.current,
        limit: call.limit,
        planTier: key.planTier,
        upgradeUrl: `${this.config.APP_URL}/pricing`,
      });
    }
    if (call.crossed !== null && call.limit !== null) {
      await this.warnings.crossedOutsideTransaction({
        organizationId: key.organizationId,
        dimension: 'api_calls',
        threshold: call.crossed,
        current: call.current,
        limit: call.limit,
      });
    }
  }
}
