import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { signupBody } from '@plinth/testing';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createApp } from '../src/app.factory';
import { AppConfig, loadConfig } from '../src/config/app-config';
import { migrate } from '../src/database/data-source';

/** Migrations run once per database URL and process. */
const migrated = new Map<string, Promise<unknown>>();

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  http: TestAgent;
  close: () => Promise<void>;
}

/**
 * The real application (Fastify, Postgres, pg-boss, SMTP) on an ephemeral
 * port, configured like production except for the values given here.
 * Apps in one process share @nestjs/passport's global strategies: the app
 * started last serves every app's login, so close it last.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
    APP_URL: 'http://localhost:3000',
    LOG_LEVEL: 'warn',
    ...env,
  });
  if (!migrated.has(config.DATABASE_URL)) migrated.set(config.DATABASE_URL, migrate({ url: config.DATABASE_URL }));
  await migrated.get(config.DATABASE_URL);
  const app = await createApp(config);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return { app, config, http: request(app.getHttpServer()), close: () => app.close() };
}

export interface Session {
  userId: string;
  email: string;
  organizationId: string;
  accessToken: string;
  refreshToken: string;
  auth: { Authorization: string };
}

/** Signs a new user up through the API and returns their session. */
export async function signUp(http: TestAgent, overrides: Parameters<typeof signupBody>[0] = {}): Promise<Session> {
  const body = signupBody(overrides);
  const response = await http.post('/api/v1/auth/signup').send(body).expect(201);
  const { user, organization, accessToken, refreshToken } = response.body.data;
  return {
    userId: user.id,
    email: user.email,
    organizationId: organization.id,
    accessToken,
    refreshToken,
    auth: { Authorization: `Bearer ${accessToken}` },
  };
}
