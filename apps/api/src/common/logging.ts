import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';

const REQUEST_ID = /^[\w-]{8,64}$/;
const QUIET_PATHS = new Set(['/api/health', '/api/health/live', '/api/health/ready', '/metrics']);

/**
 * The request id: the caller's `X-Request-Id` when it is sane, else a new
 * UUID. Written back on the raw request so Fastify and pino log the same id.
 */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  req.headers['x-request-id'] = id;
  return id;
}

/**
 * Health probes, metrics scrapes and static assets. By the time pino-http
 * asks, Fastify's middleware engine has cut `url` down to the part after the
 * middleware's mount path: the path as requested is `originalUrl`.
 */
export function isQuietRequest(req: IncomingMessage & { originalUrl?: string }): boolean {
  const path = (req.originalUrl ?? req.url ?? '').split('?')[0];
  return QUIET_PATHS.has(path) || path.startsWith('/assets/');
}

export function loggerOptions(config: AppConfig): Params {
  return {
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.LOG_LEVEL,
      // Only what a reader needs; headers (tokens, keys, cookies) never reach the log.
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      genReqId: (req) => requestIdOf(req),
      // Probes, scrapes and assets would drown the request log.
      autoLogging: { ignore: isQuietRequest },
      transport: config.isProduction || config.NODE_ENV === 'test' ? undefined : { target: 'pino-pretty', options: { singleLine: true } },
    },
  };
}
