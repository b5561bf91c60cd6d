import { Controller, Get, StreamableFile, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@plinth/tenancy';
import { MetricsService } from './metrics.service';
import { MetricsTokenGuard } from './metrics-token.guard';

/**
 * Prometheus' text format at /metrics (outside /api/v1). Left out of the
 * OpenAPI document: it is for the scraper, not for API clients, and its body
 * is not the JSON envelope. Public to the API's own auth; METRICS_TOKEN guards it.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Public()
  @UseGuards(MetricsTokenGuard)
  async scrape(): Promise<StreamableFile> {
    // A StreamableFile passes the envelope interceptor untouched.
    return new StreamableFile(Buffer.from(await this.metrics.render()), { type: this.metrics.contentType });
  }
}
