import { DynamicModule, Global, Module } from '@nestjs/common';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { PlanCatalog, QuotaModule, UNLIMITED_PLANS } from '@plinth/quota';
import type { AppConfig } from '../../config/app-config';
import { ApiCallPeriods } from './api-call-periods';
import { DailyUsageService } from './daily-usage.service';
import { RATE_LIMIT_STORAGE } from './api-key-limits.guard';
import { loadPlanCatalog } from './plan-catalog.loader';
import { PlansController } from './plans.controller';
import { QuotaStatusService } from './quota-status.service';
import { QuotaWarnings } from './quota-warnings';
import { QuotasController } from './quotas.controller';
import { UsageLimits } from './usage-limits';
import { MembersModule } from '../members/members.module';
import { QuotaWarningInterceptor } from './quota-warning.interceptor';

@Global()
@Module({})
export class QuotasModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: QuotasModule,
      imports: [
        MembersModule,
        QuotaModule.forRoot({
          catalog: config.MULTI_TENANT_ENABLED ? loadPlanCatalog(config.PLANS_FILE) : new PlanCatalog(UNLIMITED_PLANS),
          upgradeUrl: (slug) => `${config.APP_URL.replace(/\/$/, '')}/o/${slug}/billing`,
          flushIntervalMs: config.METER_FLUSH_INTERVAL_MS,
        }),
      ],
      // The public plan catalog is billing's: a single-tenant deployment has none to sell.
      controllers: [QuotasController, ...(config.MULTI_TENANT_ENABLED ? [PlansController] : [])],
      providers: [
        QuotaWarnings,
        QuotaWarningInterceptor,
        UsageLimits,
        QuotaStatusService,
        DailyUsageService,
        ApiCallPeriods,
        {
          provide: RATE_LIMIT_STORAGE,
          useFactory: () => (config.REDIS_URL ? new ThrottlerStorageRedisService(config.REDIS_URL) : new ThrottlerStorageService()),
        },
      ],
      exports: [UsageLimits, QuotaWarnings, QuotaWarningInterceptor, RATE_LIMIT_STORAGE],
    };
  }
}
