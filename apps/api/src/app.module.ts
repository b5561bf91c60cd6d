import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { CommonModule } from './common/common.module';
import { ContentTypeGuard } from './common/content-type.guard';
import { ErrorEnvelopeFilter } from './common/error-envelope.filter';
import { EnvelopeInterceptor } from './common/envelope.interceptor';
import { loggerOptions } from './common/logging';
import { createValidationPipe } from './common/validation.pipe';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source';
import { DatabaseRoleCheck } from './database/database-role.check';
import { STREAM_DATA_SOURCE, TenancyModule, TenantGuard, UnitOfWorkInterceptor } from '@plinth/tenancy';
import { AdminModule } from './modules/admin/admin.module';
import { ApiKeysModule } from './modules/api-keys/api-keys.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { BillingModule } from './modules/billing/billing.module';
import { AuthenticationGuard } from './modules/auth/guards/authentication.guard';
import { BenchModule } from './modules/bench/bench.module';
import { ContentModule } from './modules/content/content.module';
import { HealthModule } from './modules/health/health.module';
import { JobsModule } from './modules/jobs/jobs.module';
import { MailModule } from './modules/mail/mail.module';
import { InvitesModule } from './modules/invites/invites.module';
import { MembersModule } from './modules/members/members.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { OrganizationsModule } from './modules/organizations/organizations.module';
import { ApiKeyLimitsGuard } from './modules/quotas/api-key-limits.guard';
import { QuotaWarningInterceptor } from './modules/quotas/quota-warning.interceptor';
import { QuotasModule } from './modules/quotas/quotas.module';
import { RequestTenantResolver } from './modules/tenancy/request-tenant.resolver';
import { WebhooksModule } from './modules/webhooks/webhooks.module';

const STREAMS = 'streams';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        EventEmitterModule.forRoot(),
        LoggerModule.forRoot(loggerOptions(config)),
        TypeOrmModule.forRoot(dataSourceOptions({ url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE })),
        // Streams (exports) draw from a small pool of their own: a client that reads slowly never starves the API.
        TypeOrmModule.forRoot({
          ...dataSourceOptions({ url: config.DATABASE_URL, poolSize: config.EXPORT_POOL_SIZE, connectTimeoutMs: 2_000 }),
          name: STREAMS,
        }),
        CommonModule,
        JobsModule,
        MailModule,
        HealthModule,
        MetricsModule,
        TenancyModule.forRoot({
          resolver: RequestTenantResolver,
          imports: [ApiKeysModule, OrganizationsModule],
          providers: [{ provide: STREAM_DATA_SOURCE, useExisting: getDataSourceToken(STREAMS) }],
        }),
        AuditModule,
        AuthModule,
        OrganizationsModule,
        MembersModule,
        InvitesModule,
        ApiKeysModule,
        QuotasModule.forRoot(config),
        ContentModule,
        // Single-tenant mode has no billing: its routes answer 404, its jobs never run, the Stripe SDK is never loaded.
        ...(config.MULTI_TENANT_ENABLED ? [BillingModule.forRoot(config)] : []),
        WebhooksModule,
        AdminModule.forRoot(config),
        ...(config.BENCH_ROUTES ? [BenchModule] : []),
      ],
      // The request path, in order. Guards: a multipart body only where an upload is taken → who calls (JWT or API key; every route declares who may:
      // deny by default) → which organization, with what role (membership read from the database in
      // the round trip that begins the request's unit of work) → an API key's rate limit and API-call
      // quota. Then validation, the handler, and the interceptors from the inside out: the unit of work
      // commits, the quota warning header is set, the envelope wraps the result. Errors: one filter.
      providers: [
        { provide: APP_GUARD, useClass: ContentTypeGuard },
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        { provide: APP_GUARD, useExisting: TenantGuard },
        { provide: APP_GUARD, useClass: ApiKeyLimitsGuard },
        { provide: APP_PIPE, useValue: createValidationPipe() },
        { provide: APP_INTERCEPTOR, useClass: EnvelopeInterceptor },
        { provide: APP_INTERCEPTOR, useClass: QuotaWarningInterceptor },
        { provide: APP_INTERCEPTOR, useExisting: UnitOfWorkInterceptor },
        { provide: APP_FILTER, useClass: ErrorEnvelopeFilter },
        DatabaseRoleCheck,
      ],
    };
  }
}
