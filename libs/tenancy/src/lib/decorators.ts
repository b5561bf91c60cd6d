import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiHeader, ApiSecurity } from '@nestjs/swagger';
import { IS_AUTHENTICATED, IS_PUBLIC, REQUIRED_PERMISSION } from './metadata';
import type { Permission } from './permissions';
import { TenantGuard } from './tenant.guard';

/** Marks a route that needs no authentication. Every other route is denied by default. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Any signed-in user, no organization involved (e.g. list my organizations). API keys are refused. */
export function Authenticated(): MethodDecorator {
  return applyDecorators(SetMetadata(IS_AUTHENTICATED, true), ApiBearerAuth(), ApiExtension('x-permission', 'user'));
}

/**
 * A tenant route: authenticates (JWT or API key), resolves the organization
 * and the caller's role from the database, then requires `permission`
 * (omitted: any member). The permission is written into the OpenAPI spec.
 */
export function Authorize(permission?: Permission): MethodDecorator {
  return applyDecorators(
    SetMetadata(REQUIRED_PERMISSION, permission ?? 'member'),
    UseGuards(TenantGuard),
    ApiBearerAuth(),
    ApiSecurity('apiKey'),
    ApiHeader({
      name: 'X-Organization-Id',
      required: false,
      description: 'The organization to act in (id or slug), when the path names none; default: the token’s `org`',
    }),
    ApiExtension('x-permission', permission ?? 'member'),
  );
}
