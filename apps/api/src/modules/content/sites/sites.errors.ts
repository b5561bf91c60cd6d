import { ConflictError } from '@plinth/tenancy';

export class DomainTakenError extends ConflictError {
  constructor() {
    super('Another site of this organization already uses this domain', { field: 'domain' });
  }
}
