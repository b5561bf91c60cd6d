import { trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';

/** Probes and scrapes every few seconds would be most of the traces and tell nothing. */
const UNTRACED_PATHS = new Set(['/api/health', '/api/health/live', '/api/health/ready', '/metrics']);

export interface Tracing {
  /** Names each request's span after its route template, and flushes the last spans when the server closes. */
  attach(fastify: FastifyInstance): void;
}

/**
 * OpenTelemetry traces over OTLP/HTTP: a span per incoming request and per
 * SQL statement run for it. Loaded (by main.ts, with a dynamic import) only
 * when OTEL_EXPORTER_OTLP_ENDPOINT is set, and before the application's
 * modules: the instrumentations patch `http` and `pg` as they are required.
 */
export function startTracing(endpoint: string, serviceName: string): Tracing {
  const sdk = new NodeSDK({
    serviceName,
    traceExporter: new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, '')}/v1/traces` }),
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (request: IncomingMessage) => UNTRACED_PATHS.has(request.url ?? '') }),
      // Only statements of a traced request: the job queue's polls would otherwise be a trace each, twice a second per worker.
      new PgInstrumentation({ requireParentSpan: true }),
    ],
    // Traces only: metrics are Prometheus' (/metrics), logs pino's; neither goes to the collector.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  return {
    attach(fastify) {
      fastify.addHook('onRequest', async (request) => {
        const route = request.routeOptions.url;
        if (route) trace.getActiveSpan()?.updateName(`${request.method} ${route}`).setAttribute('http.route', route);
      });
      fastify.addHook('onClose', () => sdk.shutdown());
    },
  };
}
