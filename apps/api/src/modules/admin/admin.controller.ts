import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { DIMENSIONS } from '@plinth/quota';
import type { Dimension } from '@plinth/quota';
import type { Page } from '../../common/envelope.interceptor';
import { ApiEndpoint } from '../../common/openapi.decorators';
import { Origin, RequestOrigin } from '../../common/request-origin.decorator';
import type { AuthenticatedUser } from '../auth/access-token';
import { CurrentUser } from '../auth/current-user.decorator';
import { AdminService } from './admin.service';
import { AdminOrganizationDto, AdminOrganizationQueryDto, QuotaOverrideDto, QuotaOverrideResultDto } from './dto/admin.dto';
import { ParseDimensionPipe } from './parse-dimension.pipe';
import { PlatformAdmin } from './platform-admin.guard';
import { ParseIdPipe } from '../../common/request-params';

@ApiTags('admin')
@Controller('admin')
export class AdminController {
  constructor(private readonly admin: AdminService) {}

  @Get('organizations')
  @PlatformAdmin()
  @ApiEndpoint({
    summary: 'Search organizations with plan, usage and overrides (platform admins)',
    response: AdminOrganizationDto,
    paginated: true,
    errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN'],
  })
  search(@Query() query: AdminOrganizationQueryDto): Promise<Page<AdminOrganizationDto>> {
    return this.admin.search(query);
  }

  @Put('organizations/:id/quota-overrides/:dimension')
  @PlatformAdmin()
  @ApiParam({ name: 'dimension', enum: DIMENSIONS })
  @ApiEndpoint({
    summary: 'Set a custom limit for one organization (audited in its log)',
    response: QuotaOverrideResultDto,
    errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'],
  })
  setQuotaOverride(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('id', ParseIdPipe) organizationId: string,
    @Param('dimension', ParseDimensionPipe) dimension: Dimension,
    @Body() dto: QuotaOverrideDto,
    @Origin() origin: RequestOrigin,
  ): Promise<QuotaOverrideResultDto> {
    return this.admin.setQuotaOverride(caller, organizationId, dimension, dto.limit, origin);
  }
}
