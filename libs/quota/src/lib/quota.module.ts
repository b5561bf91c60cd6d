import { DynamicModule, Global, Module } from '@nestjs/common';
import { ApiCallMeter, METER_OPTIONS, MeterOptions } from './api-call-meter';
import { ApiCallOverage } from './api-call-overage';
import { PlanCatalog } from './plan-catalog';
import { FeatureGate } from './feature-gate';
import { QUOTA_OPTIONS, QuotaOptions, QuotaService } from './quota.service';

export interface QuotaModuleOptions extends QuotaOptions, MeterOptions {
  catalog: PlanCatalog;
}

@Global()
@Module({})
export class QuotaModule {
  static forRoot(options: QuotaModuleOptions): DynamicModule {
    return {
      module: QuotaModule,
      providers: [
        { provide: PlanCatalog, useValue: options.catalog },
        { provide: QUOTA_OPTIONS, useValue: { upgradeUrl: options.upgradeUrl } },
        { provide: METER_OPTIONS, useValue: { flushIntervalMs: options.flushIntervalMs } },
        QuotaService,
        FeatureGate,
        ApiCallMeter,
        ApiCallOverage,
      ],
      exports: [PlanCatalog, QuotaService, FeatureGate, ApiCallMeter, ApiCallOverage],
    };
  }
}
