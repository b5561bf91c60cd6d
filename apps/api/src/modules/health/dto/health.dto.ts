import { ApiProperty } from '@nestjs/swagger';

import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

const CHECK: SchemaObject = { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['up', 'down'] } } };
const CHECKS = {
  type: 'object' as const,
  additionalProperties: CHECK,
  example: { database: { status: 'up' }, queue: { status: 'up' }, mail: { status: 'up' } },
};

export class LivenessDto {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
}

/** Terminus' report: `info` the checks that are up, `error` those down (empty when ready), `details` all of them. */
export class ReadinessDto {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
  @ApiProperty({ ...CHECKS, description: 'Checks that are up' }) info: Record<string, { status: string }>;
  @ApiProperty({ ...CHECKS, description: 'Checks that are down (empty: ready)', example: {} }) error: Record<string, { status: string }>;
  @ApiProperty({
    ...CHECKS,
    description:
      'Every check: database, queue (pg-boss), mail (SMTP, where this process runs the workers), redis (with REDIS_URL), ' +
      'stripe (with a Stripe key: `reachable`, reported but never failing readiness)',
  })
  details: Record<string, { status: string }>;
}

export class VersionDto {
  @ApiProperty({ example: '0.1.0', description: 'The version in the root package.json' }) version: string;
  @ApiProperty({ type: String, nullable: true, example: '7a881e0', description: 'GIT_COMMIT of the deployment, null when unset' })
  commit: string | null;
  @ApiProperty({
    description: 'MULTI_TENANT_ENABLED: false is a single-tenant deployment (no signup without an invite, no plans or billing)',
  })
  multiTenant: boolean;
}
