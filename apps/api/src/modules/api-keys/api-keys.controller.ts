import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Authorize, TenantContext } from '@plinth/tenancy';
import type { Page } from '../../common/envelope.interceptor';
import { ApiEndpoint } from '../../common/openapi.decorators';
import { PageQueryDto } from '../../common/pagination';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto } from './dto/api-keys.dto';
import { ParseIdPipe } from '../../common/request-params';

const ERRORS = ['VALIDATION_FAILED'] as const;

@ApiTags('api-keys')
@Controller('api-keys')
export class ApiKeysController {
  constructor(
    private readonly apiKeys: ApiKeysService,
    private readonly tenant: TenantContext,
  ) {}

  @Post()
  @Authorize('apikeys:manage', { signedIn: true })
  @ApiEndpoint({
    summary: 'Create an API key (the key is shown once)',
    response: CreatedApiKeyDto,
    status: 201,
    errors: [...ERRORS],
  })
  create(@Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    return this.apiKeys.create(this.tenant, dto);
  }

  @Get()
  @Authorize('apikeys:manage', { signedIn: true })
  @ApiEndpoint({ summary: 'Active API keys, newest first (never the key)', response: ApiKeyDto, paginated: true, errors: [...ERRORS] })
  list(@Query() page: PageQueryDto): Promise<Page<ApiKeyDto>> {
    return this.apiKeys.list(this.tenant, page);
  }

  @Delete(':id')
  @Authorize('apikeys:manage', { signedIn: true })
  @ApiEndpoint({ summary: 'Revoke an API key: its next request gets 401', status: 204, errors: [...ERRORS, 'NOT_FOUND'] })
  async revoke(@Param('id', ParseIdPipe) keyId: string): Promise<void> {
    await this.apiKeys.revoke(this.tenant, keyId);
  }
}
