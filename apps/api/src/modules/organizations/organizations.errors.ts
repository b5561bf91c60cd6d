import { ConflictError } from '@plinth/tenancy';

export class SlugTakenError extends ConflictError {
  constructor(slug: string) {
    super(`The slug "${slug}" is taken`, { field: 'slug' });
  }
}
