import { ConflictError, DomainError } from '@plinth/tenancy';

/** A role rule of API.md refused the change (not a missing permission). */
export class RoleRuleError extends DomainError {
  constructor(message: string, rule: string) {
    super('FORBIDDEN', message, { rule });
  }
}

export class LastOwnerError extends ConflictError {
  constructor() {
    super('An organization needs an owner: transfer ownership first', { rule: 'last_owner' });
  }
}
