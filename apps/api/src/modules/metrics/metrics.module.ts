import { Global, Module } from '@nestjs/common';
import { HttpMetrics } from './http-metrics';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { MetricsTokenGuard } from './metrics-token.guard';
import { QuotaMetrics } from './quota-metrics';
import { ScrapeGauges } from './scrape-gauges';

/** Prometheus metrics: the registry and its counters (MetricsService, injectable everywhere) and GET /metrics. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricsService, HttpMetrics, QuotaMetrics, ScrapeGauges, MetricsTokenGuard],
  exports: [MetricsService],
})
export class MetricsModule {}
