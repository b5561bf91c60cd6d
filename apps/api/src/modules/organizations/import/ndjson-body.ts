import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';

/** The request's body as it arrives, never buffered: for a route that takes NDJSON (@TakesNdjson), whose body the parsers leave unread. */
export const NdjsonBody = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Readable => context.switchToHttp().getRequest<FastifyRequest>().raw,
);
