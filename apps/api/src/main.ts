import 'reflect-metadata';
import { InvalidConfigError, loadConfig } from './config/app-config';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  // Off unless configured, and then started before anything requires `http` or `pg`: the
  // application's modules are imported below, after it, and the SDK is never loaded when off.
  const otlp = config.OTEL_EXPORTER_OTLP_ENDPOINT;
  const tracing = otlp ? (await import('./tracing')).startTracing(otlp, config.OTEL_SERVICE_NAME) : null;
  const { migrate } = await import('./database/data-source');
  if (config.MIGRATE_ON_START) await migrate({ url: config.DATABASE_URL });
  const { createApp } = await import('./app.factory');
  const app = await createApp(config);
  tracing?.attach(app.getHttpAdapter().getInstance());
  await app.listen({ port: config.PORT, host: config.HOST });
}

bootstrap().catch((error: unknown) => {
  // Before the logger exists, stderr is the only place to say why boot failed.
  process.stderr.write(`${error instanceof InvalidConfigError ? error.message : (error as Error).stack}\n`);
  process.exit(1);
});
