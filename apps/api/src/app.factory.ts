import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { registerBodyParsers } from './common/body-parsers';
import { frameworkErrorEnvelope, writeClientErrorEnvelope } from './common/error-envelope.filter';
import { requestIdOf } from './common/logging';
import type { AppConfig } from './config/app-config';
import { setupOpenApi } from './openapi/openapi';
import { serveSpa } from './spa';

const BODY_LIMIT = 1024 * 1024;

/** Strict CSP; HTTPS-only directives only when the app is served over HTTPS (a LAN self-host may not be). */
function securityHeaders(config: AppConfig) {
  const https = config.APP_URL.startsWith('https://');
  return {
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        upgradeInsecureRequests: https ? [] : null,
        // Media is fetched with the session and shown from object URLs (thumbnails, previews): blob:, never another origin.
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        frameSrc: ["'self'", 'blob:'],
      },
    },
    strictTransportSecurity: https,
  };
}

export interface CreateAppOptions {
  /** Serve Swagger UI and the JSON spec (on by default). */
  docs?: boolean;
}

/** Builds the HTTP application exactly as production runs it; tests use the same factory. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    trustProxy: config.TRUST_PROXY,
    genReqId: requestIdOf,
    bodyLimit: BODY_LIMIT,
    // No request waits forever: the whole request must arrive in time, and an idle connection closes.
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    connectionTimeout: config.IDLE_TIMEOUT_MS,
    // Errors Fastify meets before routing (a malformed URL) get the envelope too.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      void reply.status(error.statusCode ?? 400).send(frameworkErrorEnvelope(error, request));
    },
    // And those Node's HTTP parser refuses before Fastify sees them (a head past 16 KiB).
    clientErrorHandler: writeClientErrorEnvelope,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
    bodyParser: false,
  });
  registerBodyParsers(app.getHttpAdapter().getInstance(), BODY_LIMIT);
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.setGlobalPrefix('api/v1', { exclude: ['api/health', 'api/health/live', 'api/health/ready', 'metrics'] });
  app.enableCors({
    origin: config.corsOrigins,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    // A preflight missing its headers is not one: no CORS headers, rather than a plain-text 400.
    strictPreflight: false,
    exposedHeaders: ['X-Request-Id', 'Retry-After', 'X-Quota-Warning', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'],
  });
  await app.register(helmet, securityHeaders(config));
  // Uploads are streamed (never buffered): one file per request, cut off past MEDIA_MAX_BYTES.
  await app.register(multipart, { limits: { fileSize: config.MEDIA_MAX_BYTES, files: 1, fields: 10 } });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', async (request, reply) => {
      reply.header('X-Request-Id', request.id);
    });
  if (options.docs !== false) setupOpenApi(app);
  await serveSpa(app, config);
  return app;
}
