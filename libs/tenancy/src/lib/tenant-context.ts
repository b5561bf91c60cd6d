import type { Permission } from './permissions';
import { can } from './permissions';
import type { PlanTier, Role } from './roles';

export type ActorType = 'user' | 'api_key' | 'system';

/** Who acts: recorded on every audit entry. */
export interface Actor {
  type: ActorType;
  id: string | null;
  email?: string;
}

/**
 * The organization a request acts in, resolved once at the edge by the
 * TenantGuard from the database (never from the token alone).
 */
export class TenantContext {
  constructor(
    readonly organizationId: string,
    readonly organizationSlug: string,
    readonly planTier: PlanTier,
    readonly role: Role,
    readonly actor: Actor,
    readonly ip: string | null = null,
    readonly userAgent: string | null = null,
  ) {}

  can(permission: Permission): boolean {
    return can(this.role, permission);
  }
}

/** The CLS key under which the guard stores the request's TenantContext. */
export const TENANT_CONTEXT = Symbol('plinth:tenantContext');
