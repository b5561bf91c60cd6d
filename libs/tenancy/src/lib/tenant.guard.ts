import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ClsService } from 'nestjs-cls';
import { ForbiddenError } from './errors';
import { REQUIRED_PERMISSION } from './metadata';
import type { Permission } from './permissions';
import { TENANT_CONTEXT, TenantContext } from './tenant-context';

export const TENANT_RESOLVER = Symbol('plinth:tenantResolver');

/** Finds the organization and role of a request; the application implements it. */
export interface TenantResolver {
  resolve(request: unknown): Promise<TenantContext>;
}

/**
 * Resolves the tenant once per request, checks the route's permission, and
 * publishes the TenantContext for the rest of the request.
 */
@Injectable()
export class TenantGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly cls: ClsService,
    @Inject(TENANT_RESOLVER) private readonly resolver: TenantResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const permission = this.reflector.get<Permission | 'member'>(REQUIRED_PERMISSION, context.getHandler());
    const tenant = await this.resolver.resolve(context.switchToHttp().getRequest());
    if (permission !== 'member' && !tenant.can(permission)) throw new ForbiddenError(permission);
    this.cls.set(TENANT_CONTEXT, tenant);
    await this.cls.proxy.resolve();
    return true;
  }
}
