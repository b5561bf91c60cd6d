import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Authorize, TenantContext } from '@plinth/tenancy';
import type { Page } from '../../common/envelope.interceptor';
import { ApiEndpoint } from '../../common/openapi.decorators';
import { AuditService } from './audit.service';
import { AuditLogDto, AuditLogQueryDto } from './dto/audit-log.dto';

@ApiTags('audit')
@Controller('audit-logs')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly tenant: TenantContext,
  ) {}

  @Get()
  @Authorize('audit:read')
  @ApiEndpoint({
    summary: 'The organization’s audit log, newest first',
    response: AuditLogDto,
    paginated: true,
    errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_A_MEMBER'],
  })
  list(@Query() query: AuditLogQueryDto): Promise<Page<AuditLogDto>> {
    return this.audit.list(this.tenant.organizationId, query);
  }
}
