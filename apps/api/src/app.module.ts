import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { ErrorEnvelopeFilter } from './common/error-envelope.filter';
import { EnvelopeInterceptor } from './common/envelope.interceptor';
import { loggerOptions } from './common/logging';
import { createValidationPipe } from './common/validation.pipe';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source';
import { TenancyModule } from '@plinth/tenancy';
import { AdminModule } from './modules/admin/admin.module';
import { ApiKeysModule } from './modules/api-keys/api-keys.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { BenchModule } from './modules/bench/bench.module';
import { ContentModule } from './modules/content/content.module';
import { HealthModule } from './modules/health/health.module';
import { JobsModule } from './modules/jobs/jobs.module';
import { MailModule } from './modules/mail/mail.module';
import { InvitesModule } from './modules/invites/invites.module';
import { MembersModule } from './modules/members/members.module';
import { OrganizationsModule } from './modules/organizations/organizations.module';
import { QuotasModule } from './modules/quotas/quotas.module';
import { RequestTenantResolver } from './modules/tenancy/request-tenant.resolver';

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
        JobsModule,
        MailModule,
        HealthModule,
        TenancyModule.forRoot(RequestTenantResolver),
        AuditModule,
        AuthModule,
        OrganizationsModule,
        MembersModule,
        InvitesModule,
        ApiKeysModule,
        QuotasModule.forRoot(config),
        ContentModule,
        AdminModule,
        ...(config.BENCH_ROUTES ? [BenchModule] : []),
      ],
      providers: [
        { provide: APP_PIPE, useValue: createValidationPipe() },
        { provide: APP_INTERCEPTOR, useClass: EnvelopeInterceptor },
        { provide: APP_FILTER, useClass: ErrorEnvelopeFilter },
      ],
    };
  }
}
