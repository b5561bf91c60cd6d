import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiHeader, ApiSecurity } from '@nestjs/swagger';
import { IS_AUTHENTICATED, IS_PUBLIC, ORGANIZATION_PARAM, REQUIRED_PERMISSION, SIGNED_IN_ONLY, TRANSACTION_MODE } from './metadata';
import type { Permission } from './permissions';

/** Marks a route that needs no authentication. Every other route is denied by default. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Any signed-in user, no organization involved (e.g. list my organizations). API keys are refused. */
export function Authenticated(): MethodDecorator {
  return applyDecorators(SetMetadata(IS_AUTHENTICATED, true), ApiBearerAuth(), ApiExtension('x-permission', 'user'));
}

export interface AuthorizeOptions {
  /**
   * 'request' (default): the guard opens the request's unit of work (one
   * round trip with the membership check) and it commits when the handler
   * returns. 'own': the route opens its own transactions — uploads and
   * streams, which must not hold a pooled connection while bytes move.
   */
  transaction?: 'request' | 'own';
  /** Managing people and credentials (API keys, invites, members, roles, webhook secrets) needs a signed-in person: 403 for an API key. */
  signedIn?: boolean;
}

/**
 * A tenant route: authenticates (JWT or API key), resolves the organization
 * and the caller's role from the database, then requires `permission`
 * (omitted: any member). The permission and the answers every tenant route
 * can give are written into the OpenAPI spec.
 */
export function Authorize(permission?: Permission, options: AuthorizeOptions = {}): MethodDecorator {
  return applyDecorators(
    SetMetadata(REQUIRED_PERMISSION, permission ?? 'member'),
    SetMetadata(TRANSACTION_MODE, options.transaction ?? 'request'),
    SetMetadata(SIGNED_IN_ONLY, options.signedIn ?? false),
    ApiBearerAuth(),
    ApiSecurity('apiKey'),
    ApiHeader({
      name: 'X-Organization-Id',
      required: false,
      description: 'The organization to act in (id or slug), when the path names none; default: the token’s `org`',
    }),
    ApiExtension('x-permission', permission ?? 'member'),
    ...(options.signedIn ? [ApiExtension('x-signed-in-only', true)] : []),
  );
}

/**
 * The route parameter that names the organization (`/organizations/:id/…`),
 * on a controller or a handler. Routes without it act in the organization of
 * the API key, the `X-Organization-Id` header or the token.
 */
export function OrganizationParam(name: string): MethodDecorator & ClassDecorator {
  return SetMetadata(ORGANIZATION_PARAM, name);
}
