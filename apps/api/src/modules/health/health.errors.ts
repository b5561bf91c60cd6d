import { DomainError } from '@plinth/tenancy';

/** A dependency readiness needs is down: 503, naming which (their messages are logged, not shown). */
export class NotReadyError extends DomainError {
  constructor(checks: Record<string, string>) {
    const down = Object.keys(checks).filter((key) => checks[key] !== 'up');
    super('SERVICE_UNAVAILABLE', `Not ready: ${down.join(', ')} down`, { checks });
  }
}
