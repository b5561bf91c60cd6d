import { Injectable } from '@nestjs/common';
import {
  isUuid,
  NotAMemberError,
  Resolved,
  ResolveOptions,
  TenantResolver,
  TenantRoute,
  TenantTransactions,
  UnauthenticatedError,
  ValidationFailedError,
} from '@plinth/tenancy';
import type { FastifyRequest } from 'fastify';
import { originOf } from '../../common/request-origin.decorator';
import { ApiKeyAuthenticator, PresentedApiKey } from '../api-keys/api-key-authenticator';
import type { AuthenticatedUser } from '../auth/access-token';
import { membershipResolution, MembershipRow } from '../organizations/membership-resolution';

type Principal = AuthenticatedUser | PresentedApiKey;

/**
 * API.md's order, first match wins: the API key's organization; the
 * organization the route's path names; the X-Organization-Id header (id or
 * slug); the token's `org` claim. Membership and role come from the database
 * on every request — in the round trip that begins its transaction — so a
 * removed member is refused on the very next one.
 */
@Injectable()
export class RequestTenantResolver implements TenantResolver {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly apiKeys: ApiKeyAuthenticator,
  ) {}

  async resolve(request: FastifyRequest & { user?: Principal }, route: TenantRoute, options: ResolveOptions): Promise<Resolved<unknown>> {
    const principal = request.user;
    if (!principal) throw new UnauthenticatedError();
    const named = namedOrganization(request, route);
    const origin = originOf(request);
    if (principal.kind === 'api_key') {
      const resolved = await this.apiKeys.resolve(principal, origin, options);
      if (named && named.toLowerCase() !== resolved.context.organizationId) {
        await resolved.tx?.rollback();
        throw new NotAMemberError();
      }
      return resolved;
    }
    const reference = named ?? headerReference(request) ?? principal.organizationId;
    if (!reference) throw new NotAMemberError('No organization selected: send X-Organization-Id or switch organization');
    const resolved = await this.transactions.resolve<MembershipRow>(
      membershipResolution(principal.userId, reference, principal.familyId),
      (row) => ({
        organizationId: row.organization_id,
        organizationSlug: row.slug,
        planTier: row.plan_tier,
        role: row.role,
        actor: { type: 'user', id: principal.userId, email: row.email },
        origin,
      }),
      options,
    );
    if (!resolved) throw new NotAMemberError();
    if (resolved.row.session_ended) {
      await resolved.tx?.rollback();
      throw new UnauthenticatedError('This session has ended; sign in again');
    }
    return resolved;
  }
}

function headerReference(request: FastifyRequest): string | undefined {
  const header = request.headers['x-organization-id'];
  return typeof header === 'string' && header ? header : undefined;
}

function namedOrganization(request: FastifyRequest, route: TenantRoute): string | undefined {
  if (!route.organizationParam) return undefined;
  const id = (request.params as Record<string, string | undefined>)[route.organizationParam];
  if (id !== undefined && !isUuid(id)) {
    const field = route.organizationParam;
    throw new ValidationFailedError('Invalid organization id', [{ field, problems: [`${field} must be a UUID`] }]);
  }
  return id;
}
