import type { Permission } from './permissions';
import { can } from './permissions';
import type { PlanTier, Role } from './roles';
import type { TenantTx } from './tenant-tx';

export type ActorType = 'user' | 'api_key' | 'system';

/** Who acts: recorded on every audit entry. */
export interface Actor {
  type: ActorType;
  id: string | null;
  email?: string;
}

export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

/** Where a context's transactions come from: the request's open one, or a new one checked the same way. */
export interface TenantTxSource {
  current(): TenantTx | undefined;
  /** `streaming`: from the pool kept for streams. */
  open(streaming?: boolean): Promise<TenantTx>;
}

export interface TenantIdentity {
  organizationId: string;
  organizationSlug: string;
  planTier: PlanTier;
  role: Role;
  actor: Actor;
  origin?: RequestOrigin;
}

/**
 * The organization a request (or a job) acts in, resolved from the database
 * at the edge, never from a token alone; and the way into its unit of work.
 */
export class TenantContext implements TenantIdentity {
  readonly organizationId: string;
  readonly organizationSlug: string;
  readonly planTier: PlanTier;
  readonly role: Role;
  readonly actor: Actor;
  readonly origin: RequestOrigin;

  constructor(
    identity: TenantIdentity,
    private readonly source?: TenantTxSource,
  ) {
    this.organizationId = identity.organizationId;
    this.organizationSlug = identity.organizationSlug;
    this.planTier = identity.planTier;
    this.role = identity.role;
    this.actor = identity.actor;
    this.origin = identity.origin ?? { ip: null, userAgent: null };
  }

  can(permission: Permission): boolean {
    return can(this.role, permission);
  }

  /** The same caller with the role the database holds now (read again under a lock). */
  withRole(role: Role): TenantContext {
    return new TenantContext({ ...this, role }, this.source);
  }

  /**
   * Runs `work` in this tenant's unit of work: the transaction the request
   * already opened (committed when the request ends), or, on routes that
   * manage their own (uploads, streams) and in jobs, a new one committed when
   * `work` returns.
   */
  async transaction<T>(work: (tx: TenantTx) => Promise<T>): Promise<T> {
    if (!this.source) throw new Error('This tenant context has no database session');
    const open = this.source.current();
    if (open?.isOpen) return work(open);
    const tx = await this.source.open();
    return tx.run(work);
  }

  /** A transaction of its own from the pool kept for streams (exports), committed when `work` returns. */
  async streamingTransaction<T>(work: (tx: TenantTx) => Promise<T>): Promise<T> {
    if (!this.source) throw new Error('This tenant context has no database session');
    const tx = await this.source.open(true);
    return tx.run(work);
  }
}

/** The CLS key under which the guard stores the request's TenantContext. */
export const TENANT_CONTEXT = Symbol('plinth:tenantContext');
