import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@plinth/tenancy';
import { ApiEndpoint } from '../../common/openapi.decorators';
import { AppConfig } from '../../config/app-config';
import { VersionDto } from './dto/health.dto';
import { readProductVersion } from './product-version';

@ApiTags('health')
@Controller('version')
export class VersionController {
  private readonly version: VersionDto;

  constructor(config: AppConfig) {
    // Not the Node.js version: this answer is public, and that would tell an attacker which CVEs to try.
    this.version = { version: readProductVersion(), commit: config.GIT_COMMIT ?? null, multiTenant: config.MULTI_TENANT_ENABLED };
  }

  @Get()
  @Public()
  @ApiEndpoint({
    summary: 'The running build and its mode: product version, commit, multi-tenant or not',
    response: VersionDto,
    errors: [],
  })
  get(): VersionDto {
    return this.version;
  }
}
