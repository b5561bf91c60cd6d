import { ConflictError, DomainError } from '@plinth/tenancy';

export class SlugTakenError extends ConflictError {
  constructor(slug: string) {
    super(`The slug "${slug}" is taken`, { field: 'slug' });
  }
}

export class FreeOrganizationLimitError extends DomainError {
  constructor(limit: number) {
    super('FORBIDDEN', `You already own ${limit} Free organizations; upgrade one, or delete one, to start another`, {
      rule: 'free_organizations',
      limit,
    });
  }
}

/** MULTI_TENANT_ENABLED=false: the deployment's one organization is the only one. */
export class SingleOrganizationError extends DomainError {
  constructor(message = 'This deployment serves one organization (MULTI_TENANT_ENABLED=false)') {
    super('FORBIDDEN', message, { rule: 'single_tenant' });
  }
}

/** MULTI_TENANT_ENABLED=false: once the organization has its owner, accounts come only through invites. */
export class SignupByInviteError extends DomainError {
  constructor(organizationName: string) {
    super('FORBIDDEN', `Signing up takes an invitation: ask an admin of ${organizationName} for one`, { rule: 'invite_only' });
  }
}
