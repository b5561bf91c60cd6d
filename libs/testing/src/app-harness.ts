import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';

export interface TestApp<Config = unknown> {
  app: NestFastifyApplication;
  config: Config;
  http: TestAgent;
  close: () => Promise<void>;
}

/** What the harness needs from an application: passed in, because a lib never imports an app. */
export interface AppUnderTest<Config extends { DATABASE_URL: string }> {
  loadConfig: (env: NodeJS.ProcessEnv) => Config;
  migrate: (settings: { url: string }) => Promise<unknown>;
  createApp: (config: Config) => Promise<NestFastifyApplication>;
}

/** Migrations run once per database URL and process. */
const migrated = new Map<string, Promise<unknown>>();

/**
 * The real application on an ephemeral port, configured from the process
 * environment overridden by `env`; its database is migrated first.
 */
export async function startAppUnderTest<Config extends { DATABASE_URL: string }>(
  appUnderTest: AppUnderTest<Config>,
  env: Record<string, string>,
): Promise<TestApp<Config>> {
  const config = appUnderTest.loadConfig({ ...process.env, ...env });
  if (!migrated.has(config.DATABASE_URL)) migrated.set(config.DATABASE_URL, appUnderTest.migrate({ url: config.DATABASE_URL }));
  await migrated.get(config.DATABASE_URL);
  const app = await appUnderTest.createApp(config);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return { app, config, http: request(app.getHttpServer()), close: () => app.close() };
}
