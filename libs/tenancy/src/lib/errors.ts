export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'QUOTA_EXCEEDED'
  | 'PLAN_FEATURE_UNAVAILABLE'
  | 'FORBIDDEN'
  | 'NOT_A_MEMBER'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVITE_EXPIRED'
  | 'INVITE_USED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RATE_LIMITED'
  | 'INTERNAL';

/** A failure the caller can act on: one stable code, one HTTP status. */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export interface FieldProblem {
  field: string;
  problems: string[];
}

export class ValidationFailedError extends DomainError {
  constructor(message: string, details?: FieldProblem[]) {
    super(400, 'VALIDATION_FAILED', message, details);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Authentication required') {
    super(401, 'UNAUTHENTICATED', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(permission: string) {
    super(403, 'FORBIDDEN', `Your role lacks the permission ${permission}`, { permission });
  }
}

export class NotFoundError extends DomainError {
  constructor(resource: string) {
    super(404, 'NOT_FOUND', `${resource} not found`);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details?: unknown) {
    super(409, 'CONFLICT', message, details);
  }
}

export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'RATE_LIMITED', `Too many requests; retry in ${retryAfterSeconds} s`);
  }
}

export class NotAMemberError extends DomainError {
  constructor(message = 'You are not a member of this organization') {
    super(403, 'NOT_A_MEMBER', message);
  }
}

/** The route may not be called this way (no access policy declared, or not by this kind of caller). */
export class RoutePolicyError extends DomainError {
  constructor(message = 'This endpoint is not available') {
    super(403, 'FORBIDDEN', message, { rule: 'route_policy' });
  }
}
