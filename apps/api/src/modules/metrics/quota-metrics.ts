import { Injectable, OnModuleInit } from '@nestjs/common';
import { QuotaService } from '@plinth/quota';
import { MetricsService } from './metrics.service';

/** Counts each 402 QUOTA_EXCEEDED as QuotaService makes it (the API-key guard's, the database's at COMMIT, uploads'). */
@Injectable()
export class QuotaMetrics implements OnModuleInit {
  constructor(
    private readonly quotas: QuotaService,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    this.quotas.onRefusal((refusal) => this.metrics.quotaRefused(refusal.dimension));
  }
}
