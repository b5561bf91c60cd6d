import { Injectable } from '@nestjs/common';
import {
  NotAMemberError,
  PlanTier,
  Role,
  TenantContext,
  TenantResolver,
  UnauthenticatedError,
  ValidationFailedError,
} from '@plinth/tenancy';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { originOf } from '../../common/request-origin.decorator';
import type { ApiKeyPrincipal } from '../api-keys/api-key-authenticator';
import type { AuthenticatedUser } from '../auth/access-token';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ORGANIZATION_ROUTE = '/api/v1/organizations/:id';

type Principal = AuthenticatedUser | ApiKeyPrincipal;

interface MembershipRow {
  id: string;
  slug: string;
  plan_tier: PlanTier;
  role: Role;
  email: string;
}

/**
 * API.md's order, first match wins: the API key's organization; the `:id` of
 * /organizations/:id/…; the X-Organization-Id header (id or slug); the
 * token's `org` claim. Membership and role come from the database on every
 * request, so a removed member is refused on the very next one.
 */
@Injectable()
export class RequestTenantResolver implements TenantResolver {
  constructor(private readonly dataSource: DataSource) {}

  async resolve(request: FastifyRequest & { user?: Principal }): Promise<TenantContext> {
    const principal = request.user;
    if (!principal) throw new UnauthenticatedError();
    const { ip, userAgent } = originOf(request);
    if (principal.kind === 'api_key') {
      this.ensureRouteNamesKeyOrganization(request, principal);
      const actor = { type: 'api_key' as const, id: principal.keyId };
      return new TenantContext(
        principal.organizationId,
        principal.organizationSlug,
        principal.planTier,
        principal.role,
        actor,
        ip,
        userAgent,
      );
    }
    const reference = organizationReference(request) ?? principal.organizationId;
    if (!reference) throw new NotAMemberError('No organization selected: send X-Organization-Id or switch organization');
    const row = await this.membership(principal.userId, reference);
    if (!row) throw new NotAMemberError();
    const actor = { type: 'user' as const, id: principal.userId, email: row.email };
    return new TenantContext(row.id, row.slug, row.plan_tier, row.role, actor, ip, userAgent);
  }

  /** One indexed query; system context, since it is what establishes the tenant. */
  private async membership(userId: string, reference: string): Promise<MembershipRow | undefined> {
    const column = UUID.test(reference) ? 'o.id' : 'o.slug';
    const [row] = (await this.dataSource.query(
      `SELECT o.id, o.slug, o.plan_tier, m.role, u.email
         FROM organization_members m
         JOIN organizations o ON o.id = m.organization_id
         JOIN users u ON u.id = m.user_id
        WHERE m.user_id = $1 AND ${column} = $2`,
      [userId, column === 'o.id' ? reference.toLowerCase() : reference],
    )) as MembershipRow[];
    return row;
  }

  private ensureRouteNamesKeyOrganization(request: FastifyRequest, principal: ApiKeyPrincipal): void {
    const named = routeOrganizationId(request);
    if (named && named.toLowerCase() !== principal.organizationId) throw new NotAMemberError();
  }
}

function organizationReference(request: FastifyRequest): string | undefined {
  const header = request.headers['x-organization-id'];
  return routeOrganizationId(request) ?? (typeof header === 'string' && header ? header : undefined);
}

function routeOrganizationId(request: FastifyRequest): string | undefined {
  if (!request.routeOptions.url?.startsWith(ORGANIZATION_ROUTE)) return undefined;
  const id = (request.params as { id?: string }).id;
  if (id && !UUID.test(id)) {
    throw new ValidationFailedError('Invalid organization id', [{ field: 'id', problems: ['id must be a UUID'] }]);
  }
  return id;
}
