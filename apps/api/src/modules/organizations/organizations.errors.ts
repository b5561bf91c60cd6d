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
