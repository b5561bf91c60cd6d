import 'reflect-metadata';
import { createApp } from './app.factory';
import { InvalidConfigError, loadConfig } from './config/app-config';
import { migrate } from './database/data-source';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  if (config.MIGRATE_ON_START) await migrate({ url: config.DATABASE_URL });
  const app = await createApp(config);
  await app.listen({ port: config.PORT, host: config.HOST });
}

bootstrap().catch((error: unknown) => {
  // Before the logger exists, stderr is the only place to say why boot failed.
  process.stderr.write(`${error instanceof InvalidConfigError ? error.message : (error as Error).stack}\n`);
  process.exit(1);
});
