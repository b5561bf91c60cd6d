import { startAppUnderTest, type TestApp as AnyTestApp } from '@plinth/testing';
import { createApp } from '../src/app.factory';
import { AppConfig, loadConfig } from '../src/config/app-config';
import { migrate } from '../src/database/data-source';

export { signUp, type Session } from '@plinth/testing';

export type TestApp = AnyTestApp<AppConfig>;

const TEST_ENV = {
  NODE_ENV: 'test',
  JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
  APP_URL: 'http://localhost:3000',
  LOG_LEVEL: 'warn',
};

/**
 * The real application (Fastify, Postgres, pg-boss, SMTP) on an ephemeral
 * port, configured like production except for the values given here.
 * Apps in one process share @nestjs/passport's global strategies: the app
 * started last serves every app's login, so close it last.
 */
export function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  return startAppUnderTest({ createApp, loadConfig, migrate }, { ...TEST_ENV, ...env });
}
