import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Authorize, TenantContext } from '@plinth/tenancy';
import { ApiEndpoint } from '../../common/openapi.decorators';
import { QuotaCheckDto, QuotaCheckResultDto, QuotaStatusDto } from './dto/quotas.dto';
import { DailyUsageService } from './daily-usage.service';
import { DailyUsageDto } from './dto/daily-usage.dto';
import { QuotaStatusService } from './quota-status.service';

@ApiTags('quotas')
@Controller('quotas')
export class QuotasController {
  constructor(
    private readonly status: QuotaStatusService,
    private readonly tenant: TenantContext,
    private readonly dailyUsage: DailyUsageService,
  ) {}

  @Get('status')
  @Authorize('quotas:read')
  @ApiEndpoint({ summary: 'Usage against every plan limit', response: QuotaStatusDto })
  get(): Promise<QuotaStatusDto> {
    return this.status.status(this.tenant);
  }

  @Get('usage/daily')
  @Authorize('quotas:read')
  @ApiEndpoint({ summary: 'API calls per day over the current period (UTC days, zeros included)', response: DailyUsageDto })
  daily(): Promise<DailyUsageDto> {
    return this.dailyUsage.apiCalls(this.tenant);
  }

  @Post('check')
  @Authorize()
  @ApiEndpoint({
    summary: 'Would this much more fit? Changes nothing',
    response: QuotaCheckResultDto,
    errors: ['VALIDATION_FAILED'],
  })
  check(@Body() dto: QuotaCheckDto): Promise<QuotaCheckResultDto> {
    return this.status.check(this.tenant, dto);
  }
}
