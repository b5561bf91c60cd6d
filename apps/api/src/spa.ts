import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AppConfig } from './config/app-config';

// Not client routes: API paths, and hashed assets (a stale index.html asking for a gone bundle gets a 404, not HTML).
const NOT_CLIENT_ROUTES = /^\/(api|metrics|assets)(\/|$)/;

/**
 * Serves the built SPA from the same origin as the API: hashed assets with
 * long caching, and index.html for every other GET outside /api (client routes).
 */
export async function serveSpa(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const root = resolve(config.WEB_DIST_DIR ?? join(process.cwd(), 'dist/apps/web'));
  if (!existsSync(join(root, 'index.html'))) return;
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    setHeaders: (res, path) => {
      const immutable = path.includes(`${join(root, 'assets')}`);
      res.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app
    .getHttpAdapter()
    .getInstance()
    .get('/*', (request, reply) => {
      if (NOT_CLIENT_ROUTES.test(request.url)) return reply.callNotFound();
      return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
    });
}
