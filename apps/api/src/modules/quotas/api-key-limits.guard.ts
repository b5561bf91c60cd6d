import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { ApiCallMeter, PlanCatalog, QuotaService } from '@plinth/quota';
import { addTenantRouteErrors, RateLimitedError, TenantContext } from '@plinth/tenancy';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QuotaWarnings } from './quota-warnings';

const WINDOW_MS = 1_000;

// Any tenant route can answer an API key with these.
addTenantRouteErrors('RATE_LIMITED', 'QUOTA_EXCEEDED');

/** Marks the bench-only twin route that measures what metering costs; never on a real route. */
export const SKIP_METERING = 'plinth:skipMetering';

/** Memory in one process, Redis (REDIS_URL) across several. */
export const RATE_LIMIT_STORAGE = Symbol('plinth:rateLimitStorage');

/**
 * The developer API's limits, for API-key requests only (console sessions
 * are limited on the auth endpoints alone): the plan's requests per second
 * per organization (429), then the period's API-call quota (402), metered
 * without a database round trip. Runs after the tenant guard, which found
 * the key's organization and plan.
 */
@Injectable()
export class ApiKeyLimitsGuard implements CanActivate {
  constructor(
    @Inject(RATE_LIMIT_STORAGE) private readonly storage: ThrottlerStorage,
    private readonly catalog: PlanCatalog,
    private readonly meter: ApiCallMeter,
    private readonly quotas: QuotaService,
    private readonly warnings: QuotaWarnings,
    private readonly tenant: TenantContext,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    if (http.getRequest<FastifyRequest & { user?: { kind: string } }>().user?.kind !== 'api_key') return true;
    await this.rateLimit(http.getResponse<FastifyReply>());
    if (!this.reflector.get<boolean>(SKIP_METERING, context.getHandler())) await this.meterCall();
    return true;
  }

  private async rateLimit(reply: FastifyReply): Promise<void> {
    const limit = this.catalog.plan(this.tenant.planTier).rateLimitPerSecond;
    if (limit === null) return;
    const record = await this.storage.increment(this.tenant.organizationId, WINDOW_MS, limit, WINDOW_MS, 'api');
    reply.header('X-RateLimit-Limit', limit);
    reply.header('X-RateLimit-Remaining', Math.max(limit - record.totalHits, 0));
    reply.header('X-RateLimit-Reset', record.timeToExpire);
    if (record.isBlocked) throw new RateLimitedError(Math.max(1, record.timeToBlockExpire));
  }

  private async meterCall(): Promise<void> {
    const { organizationId, planTier } = this.tenant;
    const call = await this.meter.record(organizationId, planTier);
    if (!call.allowed) throw this.quotas.exceeded(this.tenant, 'api_calls', call.current, call.limit);
    if (call.crossed !== null) await this.warnings.crossedOutsideTransaction(organizationId, 'api_calls', call);
  }
}
