import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Authorize, TenantContext } from '@plinth/tenancy';
import type { Page } from '../../../common/envelope.interceptor';
import { ApiEndpoint } from '../../../common/openapi.decorators';
import { PageQueryDto } from '../../../common/pagination';
import { CreateSiteDto, SiteDto, UpdateSiteDto } from './dto/sites.dto';
import { SitesService } from './sites.service';
import { ParseIdPipe } from '../../../common/request-params';

const ERRORS = ['VALIDATION_FAILED'] as const;

@ApiTags('sites')
@Controller('sites')
export class SitesController {
  constructor(
    private readonly sites: SitesService,
    private readonly tenant: TenantContext,
  ) {}

  @Post()
  @Authorize('sites:create')
  @ApiEndpoint({
    summary: 'Create a site (counts against `sites`; a domain needs custom domains in the plan)',
    response: SiteDto,
    status: 201,
    errors: [...ERRORS, 'PLAN_FEATURE_UNAVAILABLE', 'CONFLICT'],
  })
  create(@Body() dto: CreateSiteDto): Promise<SiteDto> {
    return this.sites.create(this.tenant, dto);
  }

  @Get()
  @Authorize('sites:read')
  @ApiEndpoint({ summary: 'The organization’s sites, newest first', response: SiteDto, paginated: true, errors: [...ERRORS] })
  list(@Query() page: PageQueryDto): Promise<Page<SiteDto>> {
    return this.sites.list(this.tenant, page);
  }

  @Get(':id')
  @Authorize('sites:read')
  @ApiEndpoint({ summary: 'One site', response: SiteDto, errors: [...ERRORS, 'NOT_FOUND'] })
  get(@Param('id', ParseIdPipe) siteId: string): Promise<SiteDto> {
    return this.sites.get(this.tenant, siteId);
  }

  @Patch(':id')
  @Authorize('settings:manage')
  @ApiEndpoint({
    summary: 'Rename a site or set its domain (custom domains in the plan; null removes the domain on any plan)',
    response: SiteDto,
    errors: [...ERRORS, 'NOT_FOUND', 'PLAN_FEATURE_UNAVAILABLE', 'CONFLICT'],
  })
  update(@Param('id', ParseIdPipe) siteId: string, @Body() dto: UpdateSiteDto): Promise<SiteDto> {
    return this.sites.update(this.tenant, siteId, dto);
  }

  @Delete(':id')
  @Authorize('sites:delete')
  @ApiEndpoint({
    summary: 'Delete a site with its posts and media; frees `sites`, its posts and its bytes',
    status: 204,
    errors: [...ERRORS, 'NOT_FOUND'],
  })
  async delete(@Param('id', ParseIdPipe) siteId: string): Promise<void> {
    await this.sites.delete(this.tenant, siteId);
  }
}
