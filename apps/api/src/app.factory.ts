import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { requestIdOf } from './common/logging';
import type { AppConfig } from './config/app-config';
import { setupOpenApi } from './openapi/openapi';
import { serveSpa } from './spa';

/** Strict CSP; HTTPS-only directives only when the app is served over HTTPS (a LAN self-host may not be). */
function securityHeaders(config: AppConfig) {
  const https = config.APP_URL.startsWith('https://');
  return {
    contentSecurityPolicy: { useDefaults: true, directives: { upgradeInsecureRequests: https ? [] : null } },
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
    bodyLimit: 1024 * 1024,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
    rawBody: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.setGlobalPrefix('api/v1', { exclude: ['api/health', 'metrics'] });
  app.enableCors({
    origin: config.corsOrigins,
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
