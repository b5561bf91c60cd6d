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
import { AppConfig } from '../../config/app-config';
import { ApiKeyAuthenticator, PresentedApiKey } from '../api-keys/api-key-authenticator';
import type { AuthenticatedUser } from '../auth/access-token';
import { membershipResolution, MembershipRow } from '../organizations/membership-resolution';
import { SingleTenant } from '../organizations/single-tenant';
import { hostSlug } from './host-tenant';

type Principal = AuthenticatedUser | PresentedApiKey;

/**
 * API.md's order, first match wins: the API key's organization; the host
 * `<slug>.<BASE_DOMAIN>` (where a path id or header naming another
 * organization, or a key of another, is refused); the organization the
 * route's path names; the X-Organization-Id header (id or slug); the
 * token's `org` claim. Membership and role come from the database
 * on every request — in the round trip that begins its transaction — so a
 * removed member is refused on the very next one.
 */
@Injectable()
export class RequestTenantResolver implements TenantResolver {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly apiKeys: ApiKeyAuthenticator,
    private readonly config: AppConfig,
    private readonly singleTenant: SingleTenant,
  ) {}

  async resolve(request: FastifyRequest & { user?: Principal }, route: TenantRoute, options: ResolveOptions): Promise<Resolved<unknown>> {
    const resolved = await this.resolvePrincipal(request, route, options);
    if (!this.singleTenant.serves(resolved.context.organizationId)) return refuse(resolved, ONE_ORGANIZATION);
    return resolved;
  }

  private async resolvePrincipal(
    request: FastifyRequest & { user?: Principal },
    route: TenantRoute,
    options: ResolveOptions,
  ): Promise<Resolved<unknown>> {
    const principal = request.user;
    if (!principal) throw new UnauthenticatedError();
    const named = namedOrganization(request, route);
    const host = hostSlug(request, this.config.BASE_DOMAIN);
    const origin = originOf(request);
    if (principal.kind === 'api_key') {
      const resolved = await this.apiKeys.resolve(principal, origin, options);
      if (named && named.toLowerCase() !== resolved.context.organizationId) return refuse(resolved);
      if (host && host !== resolved.context.organizationSlug) return refuse(resolved, ANOTHER_HOST);
      return resolved;
    }
    const header = headerReference(request);
    if (host) {
      const resolved = await this.resolveMember(principal, host, origin, options);
      if (!namesOrganization(named, resolved.context) || !namesOrganization(header, resolved.context))
        return refuse(resolved, ANOTHER_HOST);
      return resolved;
    }
    return this.resolveMember(principal, named ?? header ?? principal.organizationId, origin, options);
  }

  private async resolveMember(
    principal: AuthenticatedUser,
    reference: string | null | undefined,
    origin: ReturnType<typeof originOf>,
    options: ResolveOptions,
  ): Promise<Resolved<MembershipRow>> {
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

const ANOTHER_HOST = 'This host belongs to another organization';
const ONE_ORGANIZATION = 'This deployment serves one organization (MULTI_TENANT_ENABLED=false)';

async function refuse(resolved: Resolved<unknown>, message?: string): Promise<never> {
  await resolved.tx?.rollback();
  throw new NotAMemberError(message);
}

/** True when `reference` (an id or a slug) is absent or names the resolved organization. */
function namesOrganization(reference: string | undefined, context: { organizationId: string; organizationSlug: string }): boolean {
  if (!reference) return true;
  const lower = reference.toLowerCase();
  return lower === context.organizationId || reference === context.organizationSlug;
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
