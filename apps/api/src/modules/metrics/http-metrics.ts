import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { MetricsService } from './metrics.service';

/**
 * Times every request Fastify answers — guards' 401s, the 404 of an unknown
 * URL and framework errors included, which an interceptor would never see —
 * labelled by the route's template (`/api/v1/sites/:siteId/posts`), never the
 * raw URL. One onResponse hook: a histogram observation, no I/O.
 */
@Injectable()
export class HttpMetrics implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onResponse', async (request, reply) => {
      this.metrics.requestServed(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime / 1000);
    });
  }
}
