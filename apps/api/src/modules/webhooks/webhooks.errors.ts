import { ConflictError, ValidationFailedError } from '@plinth/tenancy';

export class WebhookUrlRefusedError extends ValidationFailedError {
  constructor(problem: string) {
    super('Invalid request: url', [{ field: 'url', problems: [problem] }]);
  }
}

export class EndpointDisabledError extends ConflictError {
  constructor() {
    super('The endpoint is disabled: enable it (PATCH enabled: true) before replaying', { field: 'enabled' });
  }
}

export class TooManyEndpointsError extends ConflictError {
  constructor(limit: number) {
    super(`An organization has at most ${limit} webhook endpoints; delete one first`, { limit });
  }
}
