import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ClsService } from 'nestjs-cls';
import { ForbiddenError, RoutePolicyError } from './errors';
import { ORGANIZATION_PARAM, REQUIRED_PERMISSION, SIGNED_IN_ONLY, TRANSACTION_MODE } from './metadata';
import type { Permission } from './permissions';
import { TENANT_CONTEXT, TenantContext } from './tenant-context';
import type { ResolveOptions } from './tenant-transactions';
import { attachRequestTx } from './request-tx';
import type { TenantTx } from './tenant-tx';

export const TENANT_RESOLVER = Symbol('plinth:tenantResolver');

export interface TenantRoute {
  /** The route parameter naming the organization, when the path names one. */
  organizationParam?: string;
}

/** Finds the organization and role of a request in the database; the application implements it. */
export interface TenantResolver {
  resolve(request: unknown, route: TenantRoute, options: ResolveOptions): Promise<{ context: TenantContext; tx?: TenantTx }>;
}

/**
 * Resolves the tenant of every @Authorize route once: membership and role
 * from the database, and — unless the route opens its own — the request's
 * unit of work, begun and pinned in the same round trip. Then checks the
 * route's permission and publishes the TenantContext for the request.
 */
@Injectable()
export class TenantGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly cls: ClsService,
    @Inject(TENANT_RESOLVER) private readonly resolver: TenantResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const permission = this.reflector.get<Permission | 'member' | undefined>(REQUIRED_PERMISSION, context.getHandler());
    if (!permission) return true;
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<{ method: string }>();
    const ownTransactions = this.reflector.get<'request' | 'own'>(TRANSACTION_MODE, context.getHandler()) === 'own';
    const route = { organizationParam: this.reflector.getAllAndOverride<string | undefined>(ORGANIZATION_PARAM, targets) };
    const readOnly = request.method === 'GET' || request.method === 'HEAD';
    const { context: tenant, tx } = await this.resolver.resolve(request, route, { begin: !ownTransactions, readOnly });
    if (tx) attachRequestTx(request, tx);
    const refusal = this.refusal(tenant, permission, this.reflector.get<boolean>(SIGNED_IN_ONLY, context.getHandler()));
    if (refusal) {
      await tx?.rollback();
      throw refusal;
    }
    this.cls.set(TENANT_CONTEXT, tenant);
    await this.cls.proxy.resolve();
    return true;
  }

  private refusal(tenant: TenantContext, permission: Permission | 'member', signedInOnly: boolean): Error | null {
    if (permission !== 'member' && !tenant.can(permission)) return new ForbiddenError(permission);
    if (signedInOnly && tenant.actor.type === 'api_key') {
      return new RoutePolicyError('Managing people and credentials needs a signed-in person, not an API key');
    }
    return null;
  }
}
