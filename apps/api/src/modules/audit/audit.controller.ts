import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { Authorize, TenantContext } from '@plinth/tenancy';
import type { Page } from '../../common/envelope.interceptor';
import { ApiEndpoint } from '../../common/openapi.decorators';
import { AuditChain } from './audit-chain';
import { AuditService } from './audit.service';
import { AuditChainVerificationDto } from './dto/audit-chain.dto';
import { AuditExportService } from './audit-export.service';
import { AuditLogDto, AuditLogExportQueryDto, AuditLogQueryDto } from './dto/audit-log.dto';

@ApiTags('audit')
@Controller('audit-logs')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly tenant: TenantContext,
    private readonly exporter: AuditExportService,
    private readonly chain: AuditChain,
  ) {}

  @Get()
  @Authorize('audit:read')
  @ApiEndpoint({
    summary: 'The organization’s audit log, newest first',
    response: AuditLogDto,
    paginated: true,
    errors: ['VALIDATION_FAILED'],
  })
  list(@Query() query: AuditLogQueryDto): Promise<Page<AuditLogDto>> {
    return this.audit.list(this.tenant, query);
  }

  @Get('actions')
  @Authorize('audit:read')
  @ApiEndpoint({
    summary: 'The actions the organization’s log holds, sorted (for an action filter)',
    response: 'string',
    isArray: true,
  })
  actions(): Promise<string[]> {
    return this.audit.actions(this.tenant);
  }

  @Get('verify')
  @Authorize('audit:read')
  @ApiEndpoint({
    summary: 'Walk the organization’s audit hash chain: is every entry as it was written?',
    response: AuditChainVerificationDto,
  })
  verify(): Promise<AuditChainVerificationDto> {
    return this.chain.verify(this.tenant);
  }

  @Get('export')
  @Authorize('audit:read', { transaction: 'own' })
  @ApiProduces('text/csv', 'application/x-ndjson')
  @ApiEndpoint({
    summary: 'Download the audit log as CSV or NDJSON, newest first (Pro and Enterprise)',
    errors: ['VALIDATION_FAILED', 'PLAN_FEATURE_UNAVAILABLE'],
  })
  async export(@Query() query: AuditLogExportQueryDto): Promise<StreamableFile> {
    const stream = await this.exporter.export(this.tenant, query);
    const type = query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson';
    const filename = `${this.tenant.organizationSlug}-audit-log.${query.format}`;
    return new StreamableFile(stream, { type, disposition: `attachment; filename="${filename}"` });
  }
}
