import { DynamicModule, Global, Module, Type } from '@nestjs/common';
import { ClsModule, ClsService } from 'nestjs-cls';
import { TENANT_CONTEXT, TenantContext } from './tenant-context';
import { TENANT_RESOLVER, TenantGuard, TenantResolver } from './tenant.guard';
import { TenantTransactions } from './tenant-transactions';

/**
 * Wires tenant resolution: a CLS context per request (AsyncLocalStorage),
 * `TenantContext` as a strict proxy filled by the TenantGuard (reading it
 * before the guard ran throws), and the tenant transaction runner.
 */
@Global()
@Module({})
export class TenancyModule {
  static forRoot(resolver: Type<TenantResolver>): DynamicModule {
    return {
      module: TenancyModule,
      imports: [
        ClsModule.forRoot({ global: true, middleware: { mount: true, resolveProxyProviders: false } }),
        ClsModule.forFeatureAsync({
          provide: TenantContext,
          inject: [ClsService],
          useFactory: (cls: ClsService) => cls.get(TENANT_CONTEXT),
          strict: true,
        }),
      ],
      providers: [TenantGuard, TenantTransactions, { provide: TENANT_RESOLVER, useClass: resolver }],
      exports: [ClsModule, TenantGuard, TenantTransactions, TENANT_RESOLVER],
    };
  }
}
