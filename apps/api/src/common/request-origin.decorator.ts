import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { RequestOrigin } from '@plinth/tenancy';
import type { FastifyRequest } from 'fastify';

export type { RequestOrigin };

export function originOf(request: FastifyRequest): RequestOrigin {
  return { ip: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null };
}

/** The caller's IP and user agent, for audit entries written outside a tenant request. */
export const Origin = createParamDecorator((_data: unknown, context: ExecutionContext): RequestOrigin =>
  originOf(context.switchToHttp().getRequest()),
);
