import { DynamicModule, Global, Module, ModuleMetadata, Provider, Type } from '@nestjs/common';
import { ClsModule, ClsService } from 'nestjs-cls';
import { TENANT_CONTEXT, TenantContext } from './tenant-context';
import { TENANT_RESOLVER, TenantGuard, TenantResolver } from './tenant.guard';
import { TenantTransactions } from './tenant-transactions';
import { UnitOfWorkInterceptor } from './unit-of-work.interceptor';

/**
 * Wires tenant resolution: a CLS context per request (AsyncLocalStorage),
 * `TenantContext` as a strict proxy filled by the TenantGuard (reading it
 * before the guard ran throws), and the unit-of-work runner. The guard and
 * the interceptor are exported for the application to register globally, in
 * the order its request path needs.
 */
@Global()
@Module({})
export class TenancyModule {
  /**
   * `imports`: the modules whose providers the resolver needs; `providers`:
   * e.g. STREAM_DATA_SOURCE, the pool streamed transactions draw from.
   */
  static forRoot({
    resolver,
    imports = [],
    providers = [],
  }: {
    resolver: Type<TenantResolver>;
    imports?: ModuleMetadata['imports'];
    providers?: Provider[];
  }): DynamicModule {
    return {
      module: TenancyModule,
      imports: [
        ...imports,
        ClsModule.forRoot({ global: true, middleware: { mount: true, resolveProxyProviders: false } }),
        ClsModule.forFeatureAsync({
          provide: TenantContext,
          inject: [ClsService],
          useFactory: (cls: ClsService) => cls.get(TENANT_CONTEXT),
          strict: true,
        }),
      ],
      providers: [TenantGuard, TenantTransactions, UnitOfWorkInterceptor, { provide: TENANT_RESOLVER, useClass: resolver }, ...providers],
      exports: [ClsModule, TenantGuard, TenantTransactions, UnitOfWorkInterceptor, TENANT_RESOLVER],
    };
  }
}
