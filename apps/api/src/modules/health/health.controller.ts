import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult } from '@nestjs/terminus';
import { Public } from '@plinth/tenancy';
import { ApiEndpoint } from '../../common/openapi.decorators';
import { LivenessDto, ReadinessDto } from './dto/health.dto';
import { Readiness } from './readiness';

const READINESS = {
  response: ReadinessDto,
  errors: ['SERVICE_UNAVAILABLE' as const],
  description:
    'The database, the job queue, SMTP (where this process runs the workers) and Redis (with REDIS_URL) answer. ' +
    'Not ready: 503 SERVICE_UNAVAILABLE with `details.checks` naming each check `up` or `down`.',
};

@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(private readonly readiness: Readiness) {}

  /** What clients, the Docker HEALTHCHECK and `npm start` have always polled: the readiness answer. */
  @Get()
  @Public()
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiEndpoint({ summary: 'Readiness (the same answer as /api/health/ready)', ...READINESS })
  check(): Promise<HealthCheckResult> {
    return this.readiness.check();
  }

  @Get('ready')
  @Public()
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiEndpoint({ summary: 'Readiness: may this process take traffic? (load balancers)', ...READINESS })
  ready(): Promise<HealthCheckResult> {
    return this.readiness.check();
  }

  /** No dependency is consulted: a database outage must not get every replica restarted. */
  @Get('live')
  @Public()
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiEndpoint({
    summary: 'Liveness: the process answers (restart it when not); no dependency is checked',
    response: LivenessDto,
    errors: [],
  })
  live(): LivenessDto {
    return { status: 'ok' };
  }
}
