import { Body, Controller, Delete, Get, Param, Patch, Post, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Authenticated, Authorize, OrganizationParam, TenantContext } from '@plinth/tenancy';
import type { Readable } from 'node:stream';
import { TakesNdjson } from '../../common/content-type.guard';
import { ApiEndpoint } from '../../common/openapi.decorators';
import { Origin, RequestOrigin } from '../../common/request-origin.decorator';
import type { AuthenticatedUser } from '../auth/access-token';
import { CurrentUser } from '../auth/current-user.decorator';
import { OrganizationDto, OrganizationWithRoleDto } from './dto/organization.dto';
import { CreateOrganizationDto, UpdateOrganizationDto } from './dto/organization-requests.dto';
import { OrganizationExportService } from './export/organization-export.service';
import { IMPORT_BODY, IMPORT_DESCRIPTION, OrganizationImportDto } from './import/dto/organization-import.dto';
import { NdjsonBody } from './import/ndjson-body';
import { OrganizationImportService } from './import/organization-import.service';
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
    private readonly importer: OrganizationImportService,
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

  @Post('import')
  @Authenticated()
  @TakesNdjson()
  @ApiBody(IMPORT_BODY)
  @ApiEndpoint({
    summary: 'Create an organization from an export (streamed NDJSON); the caller owns it, on the Free plan',
    description: IMPORT_DESCRIPTION,
    response: OrganizationImportDto,
    status: 201,
    errors: [
      'VALIDATION_FAILED',
      'UNAUTHENTICATED',
      'FORBIDDEN',
      'QUOTA_EXCEEDED',
      'PLAN_FEATURE_UNAVAILABLE',
      'UNSUPPORTED_MEDIA_TYPE',
      'RATE_LIMITED',
    ],
  })
  import(
    @CurrentUser() caller: AuthenticatedUser,
    @NdjsonBody() body: Readable,
    @Origin() origin: RequestOrigin,
  ): Promise<OrganizationImportDto> {
    return this.importer.import(caller.userId, body, origin);
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
      'A header line first, `{"type":"plinth-export","version":1,"exportedAt":…}`; then one JSON record a line, each with `type` ' +
      '(organization, member, invite, api_key, audit_log, site, post, media…), each media record followed by its bytes as ' +
      '`media_content` records (`{ mediaId, offset, data }`, data base64). Secrets never appear. POST /organizations/import reads it.',
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
