import { Expose, plainToInstance, Transform } from 'class-transformer';
import { createSecretKey, hkdfSync, KeyObject } from 'node:crypto';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, MinLength, Min, validateSync } from 'class-validator';

const PRICE_ID = /^price_\w+$/;
const PRICE_MESSAGE = 'STRIPE_PRICE_* must be Stripe price ids (price_…)';

const toBoolean = ({ value }: { value: unknown }) =>
  value === undefined ? undefined : ['1', 'true', 'yes'].includes(String(value).toLowerCase());

/**
 * The one place that reads `process.env`. Every variable is listed in
 * docker/.env.example; the app refuses to boot on a bad one and names it.
 */
export class AppConfig {
  @Expose()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Expose()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @Expose()
  @IsString()
  HOST = '0.0.0.0';

  @Expose()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  APP_URL = 'http://localhost:3000';

  /**
   * Subdomain tenants: with it set (e.g. `plinth.example.com`), a request to
   * `<slug>.<BASE_DOMAIN>` is for that organization. Unset: the host says nothing.
   */
  @Expose()
  @IsOptional()
  @Matches(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/, {
    message: 'BASE_DOMAIN must be a lower-case host name such as plinth.example.com',
  })
  BASE_DOMAIN?: string;

  @Expose()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string;

  @Expose()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  DATABASE_POOL_SIZE = 10;

  @Expose()
  @Transform(toBoolean)
  @IsBoolean()
  MIGRATE_ON_START = true;

  @Expose()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET: string;

  /**
   * 32 bytes, base64: seals what queued jobs must carry but must not keep in
   * the clear (the links in verify, reset and invite mails) and the signing
   * secrets of webhook endpoints. Unset: derived from JWT_SECRET, so rotating
   * that one also makes queued links and webhook secrets unreadable (set it in production).
   */
  @Expose()
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'ENCRYPTION_KEY must be 32 bytes, base64 (openssl rand -base64 32)' })
  ENCRYPTION_KEY?: string;

  @Expose()
  @IsOptional()
  @Matches(/^smtps?:\/\//, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @Expose()
  @IsString()
  MAIL_FROM = 'Plinth <no-reply@plinth.local>';

  @Expose()
  @Transform(toBoolean)
  @IsBoolean()
  JOBS_ENABLED = true;

  /** false: single-tenant self-host — one organization, no plan limits, no billing (API.md "Deployment modes"). */
  @Expose()
  @Transform(toBoolean)
  @IsBoolean()
  MULTI_TENANT_ENABLED = true;

  @Expose()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  AUTH_RATE_LIMIT_PER_EMAIL = 10;

  @Expose()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  AUTH_RATE_LIMIT_PER_IP = 100;

  /** Sign-in attempts on one address a minute, from anywhere, before each further one is slowed (never refused). */
  @Expose()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  AUTH_SLOWDOWN_AFTER = 20;

  @Expose()
  @IsString()
  CORS_ORIGINS = '';

  /** Behind a load balancer: take the client IP from X-Forwarded-For (rate limits, audit). */
  @Expose()
  @Transform(toBoolean)
  @IsBoolean()
  TRUST_PROXY = false;

  @Expose()
  @IsOptional()
  @IsString()
  WEB_DIST_DIR?: string;

  @Expose()
  @IsString()
  PLATFORM_ADMIN_EMAILS = '';

  /** redis://… — shares per-plan rate-limit counters between API processes (memory otherwise). */
  @Expose()
  @IsOptional()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /** A JSON file replacing the default plan catalog (an array of plans, same shape as GET /billing/plans). */
  @Expose()
  @IsOptional()
  @IsString()
  PLANS_FILE?: string;

  /** How often API-call counts are written; a crash loses at most this much metering. */
  @Expose()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(100)
  METER_FLUSH_INTERVAL_MS = 1000;

  /**
   * How long one webhook attempt may hold its delivery (and its job) before
   * another worker may take it over: what a worker that died mid-attempt
   * costs. More than an attempt can take (10 s for the receiver, plus the database).
   */
  @Expose()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(15)
  WEBHOOK_LEASE_SECONDS = 120;

  /** How often the worker looks for jobs whose worker died (past their expiry) to retry them, and archives finished jobs. */
  @Expose()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  JOBS_MAINTENANCE_INTERVAL_SECONDS = 120;

  /** Where files the application keeps live (media uploads under media/); relative to the working directory. */
  @Expose()
  @IsString()
  @MinLength(1)
  DATA_DIR = '.plinth/data';

  /** The largest media upload accepted, in bytes (413 above it). */
  @Expose()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  MEDIA_MAX_BYTES = 25 * 1024 * 1024;

  /** The longest a request may take to arrive whole, body included (an upload on a slow line), in ms; then 408. */
  @Expose()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1000)
  REQUEST_TIMEOUT_MS = 120_000;

  /** A connection that sends nothing for this long is closed, in ms. */
  @Expose()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1000)
  IDLE_TIMEOUT_MS = 30_000;

  /** Connections kept for streamed exports, apart from the shared pool; when all are busy, another export is 503 at once. */
  @Expose()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  EXPORT_POOL_SIZE = 3;

  /** Exports one organization may stream at once, per API process (429 beyond). */
  @Expose()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  EXPORTS_PER_ORGANIZATION = 2;

  /** An export whose client reads nothing for this long is ended, in ms: a stalled reader holds a connection no longer. */
  @Expose()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(100)
  EXPORT_WRITE_TIMEOUT_MS = 30_000;

  /** Invites one organization may send per hour (429 beyond). */
  @Expose()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  INVITES_PER_HOUR = 50;

  /** Free organizations one user may own (403 beyond; paid ones are not counted). */
  @Expose()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  FREE_ORGANIZATIONS_PER_USER = 3;

  /** Stripe's secret key. Unset: sandbox billing, a local stand-in of Stripe (nothing is charged). */
  @Expose()
  @IsOptional()
  @Matches(/^(sk|rk)_(test|live)_\w+$/, { message: 'STRIPE_SECRET_KEY must be a Stripe secret or restricted key (sk_… or rk_…)' })
  STRIPE_SECRET_KEY?: string;

  /** Checks incoming Stripe webhooks (and signs the sandbox's). Unset in sandbox mode: derived from JWT_SECRET. */
  @Expose()
  @IsOptional()
  @Matches(/^whsec_\S+$/, { message: 'STRIPE_WEBHOOK_SECRET must be a webhook signing secret (whsec_…)' })
  STRIPE_WEBHOOK_SECRET?: string;

  /** A Stripe-compatible server instead of Stripe's own (a local mock in tests). */
  @Expose()
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  STRIPE_API_URL?: string;

  /** A metered price for API calls past the plan's allowance: owners of paid plans may then switch to pay as you go. */
  @Expose() @IsOptional() @Matches(PRICE_ID, { message: PRICE_MESSAGE }) STRIPE_PRICE_API_CALLS_METERED?: string;

  /** The event name of the Stripe meter that price bills. */
  @Expose()
  @Matches(/^[A-Za-z0-9_.-]{1,100}$/, { message: 'STRIPE_METER_EVENT_NAME must be a Stripe meter event name' })
  STRIPE_METER_EVENT_NAME = 'plinth_api_calls';

  /** Checkout computes and collects sales tax (Stripe Tax must be set up on the account). */
  @Expose()
  @Transform(toBoolean)
  @IsBoolean()
  STRIPE_AUTOMATIC_TAX = false;

  @Expose() @IsOptional() @Matches(PRICE_ID, { message: PRICE_MESSAGE }) STRIPE_PRICE_STARTER_MONTHLY?: string;
  @Expose() @IsOptional() @Matches(PRICE_ID, { message: PRICE_MESSAGE }) STRIPE_PRICE_STARTER_ANNUAL?: string;
  @Expose() @IsOptional() @Matches(PRICE_ID, { message: PRICE_MESSAGE }) STRIPE_PRICE_PRO_MONTHLY?: string;
  @Expose() @IsOptional() @Matches(PRICE_ID, { message: PRICE_MESSAGE }) STRIPE_PRICE_PRO_ANNUAL?: string;

  /**
   * Outgoing webhooks may go to loopback, private, link-local and other
   * non-public addresses (a self-hosted receiver on the same network). Cloud
   * metadata addresses (169.254.169.254, fd00:ec2::254…) stay refused even then.
   */
  @Expose()
  @Transform(toBoolean)
  @IsBoolean()
  WEBHOOKS_ALLOW_PRIVATE = false;

  /** Mounts the baseline routes of tools/bench. Never in production. */
  @Expose()
  @Transform(toBoolean)
  @IsBoolean()
  BENCH_ROUTES = false;

  @Expose()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Set: GET /metrics asks for `Authorization: Bearer <token>` (the Prometheus scraper's). Unset: it is open. */
  @Expose()
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  METRICS_TOKEN?: string;

  /** An OTLP/HTTP collector (e.g. http://otel-collector:4318): traces go to <it>/v1/traces. Unset: tracing is off. */
  @Expose()
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  @Expose()
  @Matches(/^[\w.-]{1,100}$/, { message: 'OTEL_SERVICE_NAME must be letters, digits, dots, dashes or underscores' })
  OTEL_SERVICE_NAME = 'plinth-api';

  /** The commit this build is of (GET /api/v1/version); set by the image build or the deployment. */
  @Expose()
  @IsOptional()
  @Matches(/^[\w.-]{1,64}$/, { message: 'GIT_COMMIT must be a commit hash or tag' })
  GIT_COMMIT?: string;

  /** The secret Stripe webhooks are checked with; in sandbox mode without one, derived from JWT_SECRET (stable across restarts and replicas). */
  get stripeWebhookSecret(): string {
    if (this.STRIPE_WEBHOOK_SECRET) return this.STRIPE_WEBHOOK_SECRET;
    return `whsec_${Buffer.from(hkdfSync('sha256', this.JWT_SECRET, 'plinth', 'sandbox-webhooks', 32)).toString('base64')}`;
  }

  /** No Stripe key: checkout, portal, invoices and events come from the sandbox. */
  get billingSandbox(): boolean {
    return !this.STRIPE_SECRET_KEY;
  }

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  /**
   * The HS256 key as a KeyObject: given a string, jsonwebtoken first tries
   * (and fails) to parse it as a PEM public key on every verify, which was a
   * fifth of the CPU of an authenticated request.
   */
  get jwtKey(): KeyObject {
    this.cachedJwtKey ??= createSecretKey(Buffer.from(this.JWT_SECRET, 'utf8'));
    return this.cachedJwtKey;
  }

  private cachedJwtKey?: KeyObject;

  /** The key that seals job payloads (see ENCRYPTION_KEY). */
  get encryptionKey(): Buffer {
    this.cachedEncryptionKey ??= this.ENCRYPTION_KEY
      ? Buffer.from(this.ENCRYPTION_KEY, 'base64')
      : Buffer.from(hkdfSync('sha256', this.JWT_SECRET, 'plinth', 'job-payloads', 32));
    return this.cachedEncryptionKey;
  }

  private cachedEncryptionKey?: Buffer;

  /** Listed in PLATFORM_ADMIN_EMAILS; the account must also have proved the address (see users). */
  isPlatformAdminEmail(email: string): boolean {
    return this.PLATFORM_ADMIN_EMAILS.toLowerCase()
      .split(',')
      .map((e) => e.trim())
      .includes(email);
  }

  get corsOrigins(): string[] {
    const extra = this.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean);
    return [new URL(this.APP_URL).origin, ...extra];
  }
}

export class InvalidConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const nonEmpty = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const config = plainToInstance(AppConfig, nonEmpty, {
    excludeExtraneousValues: true,
    exposeDefaultValues: true,
  });
  const errors = validateSync(config, { skipMissingProperties: false });
  const problems = [...errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`), ...stripeProblems(config)];
  if (problems.length > 0) throw new InvalidConfigError(problems);
  return config;
}

/** With a Stripe key, the webhook secret and every price must be given too. */
function stripeProblems(config: AppConfig): string[] {
  if (!config.STRIPE_SECRET_KEY) return [];
  const needed = [
    'STRIPE_WEBHOOK_SECRET',
    'STRIPE_PRICE_STARTER_MONTHLY',
    'STRIPE_PRICE_STARTER_ANNUAL',
    'STRIPE_PRICE_PRO_MONTHLY',
    'STRIPE_PRICE_PRO_ANNUAL',
  ] as const;
  return needed.filter((name) => !config[name]).map((name) => `${name}: required when STRIPE_SECRET_KEY is set`);
}
