import { Body, Controller, Delete, Get, Param, Patch, Post, StreamableFile } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { Authenticated, Authorize, OrganizationParam, TenantContext } from '@plinth/tenancy';
import { ApiEndpoint } from '../../common/openapi.decorators';
import { Origin, RequestOrigin } from '../../common/request-origin.decorator';
import type { AuthenticatedUser } from '../auth/access-token';
import { CurrentUser } from '../auth/current-user.decorator';
import { OrganizationDto, OrganizationWithRoleDto } from './dto/organization.dto';
import { CreateOrganizationDto, UpdateOrganizationDto } from './dto/organization-requests.dto';
import { OrganizationExportService } from './export/organization-export.service';
import { OnboardingDto } from './onboarding/onboarding.dto';
import { OnboardingService } from './onboarding/onboarding.service';
import { OrganizationsService } from './organizations.service';
import { ParseIdPipe } from '../../common/request-params';

@ApiTags('organizations')
@OrganizationParam('id')
@Controller('organizations')
export class OrganizationsController {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly tenant: TenantContext,
    private readonly exporter: OrganizationExportService,
    private readonly onboardingChecklist: OnboardingService,
  ) {}

  @Post()
  @Authenticated()
  @ApiEndpoint({
    summary: 'Create an organization on the Free plan; the caller becomes its owner',
    response: OrganizationWithRoleDto,
    status: 201,
    errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'CONFLICT'],
  })
  create(
    @CurrentUser() caller: AuthenticatedUser,
    @Body() dto: CreateOrganizationDto,
    @Origin() origin: RequestOrigin,
  ): Promise<OrganizationWithRoleDto> {
    return this.organizations.create(caller.userId, dto, origin);
  }

  @Get()
  @Authenticated()
  @ApiEndpoint({
    summary: 'The caller’s organizations with their role',
    response: OrganizationWithRoleDto,
    isArray: true,
    errors: ['UNAUTHENTICATED'],
  })
  list(@CurrentUser() caller: AuthenticatedUser): Promise<OrganizationWithRoleDto[]> {
    return this.organizations.listForUser(caller.userId);
  }

  @Get(':id')
  @Authorize()
  @ApiEndpoint({
    summary: 'One organization (any member)',
    response: OrganizationWithRoleDto,
    errors: ['VALIDATION_FAILED'],
  })
  get(@Param('id', ParseIdPipe) _id: string): Promise<OrganizationWithRoleDto> {
    return this.organizations.get(this.tenant);
  }

  @Get(':id/onboarding')
  @Authorize()
  @ApiEndpoint({
    summary: 'The getting-started checklist: which first steps the caller and the organization have taken (any member)',
    response: OnboardingDto,
    errors: ['VALIDATION_FAILED'],
  })
  onboarding(@Param('id', ParseIdPipe) _id: string): Promise<OnboardingDto> {
    return this.onboardingChecklist.checklist(this.tenant);
  }

  @Patch(':id')
  @Authorize('settings:manage')
  @ApiEndpoint({
    summary: 'Rename, re-slug or set the logo',
    response: OrganizationDto,
    errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'CONFLICT'],
  })
  update(@Param('id', ParseIdPipe) _id: string, @Body() dto: UpdateOrganizationDto): Promise<OrganizationDto> {
    return this.organizations.update(this.tenant, dto);
  }

  @Delete(':id')
  @Authorize('organization:delete')
  @ApiEndpoint({
    summary: 'Delete the organization and all its data (owner)',
    status: 204,
    errors: ['VALIDATION_FAILED', 'FORBIDDEN'],
  })
  async delete(@Param('id', ParseIdPipe) _id: string): Promise<void> {
    await this.organizations.delete(this.tenant);
  }

  @Get(':id/export')
  @Authorize('organization:export', { transaction: 'own' })
  @ApiProduces('application/x-ndjson')
  @ApiEndpoint({
    summary: 'Stream all of the organization’s data as NDJSON (owner)',
    description:
      'One JSON record a line, each with `type` (organization, member, invite, api_key, audit_log, site, post, media…). Secrets never appear.',
    errors: ['VALIDATION_FAILED', 'FORBIDDEN'],
  })
  async export(@Param('id', ParseIdPipe) _id: string): Promise<StreamableFile> {
    const stream = await this.exporter.export(this.tenant);
    return new StreamableFile(stream, {
      type: 'application/x-ndjson',
      disposition: `attachment; filename="${this.tenant.organizationSlug}-export.ndjson"`,
    });
  }
}
