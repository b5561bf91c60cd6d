/**
 * Every error code the API answers with, mapped to its HTTP status: the one
 * table the error filter, the OpenAPI decorators and the error classes read.
 * A feature adds its own codes where it defines them, in both places:
 *
 *   declare module '@plinth/tenancy' { interface ErrorCatalog { INVITE_USED: 410 } }
 *   declareErrorCodes({ INVITE_USED: 410 });
 */
export interface ErrorCatalog {
  VALIDATION_FAILED: 400;
  UNAUTHENTICATED: 401;
  FORBIDDEN: 403;
  NOT_A_MEMBER: 403;
  NOT_FOUND: 404;
  CONFLICT: 409;
  PAYLOAD_TOO_LARGE: 413;
  UNSUPPORTED_MEDIA_TYPE: 415;
  RATE_LIMITED: 429;
  INTERNAL: 500;
  SERVICE_UNAVAILABLE: 503;
}
export type ErrorCode = keyof ErrorCatalog;

const STATUS_BY_CODE = new Map<string, number>(
  Object.entries({
    VALIDATION_FAILED: 400,
    UNAUTHENTICATED: 401,
    FORBIDDEN: 403,
    NOT_A_MEMBER: 403,
    NOT_FOUND: 404,
    CONFLICT: 409,
    PAYLOAD_TOO_LARGE: 413,
    UNSUPPORTED_MEDIA_TYPE: 415,
    RATE_LIMITED: 429,
    INTERNAL: 500,
    SERVICE_UNAVAILABLE: 503,
  } satisfies Partial<ErrorCatalog>),
);

/** Adds a feature's codes to the catalog; a code keeps the status it was first given. */
export function declareErrorCodes(codes: Partial<ErrorCatalog>): void {
  for (const [code, status] of Object.entries(codes)) {
    const known = STATUS_BY_CODE.get(code);
    if (known !== undefined && known !== status) throw new Error(`Error code ${code} is already ${known}, not ${status}`);
    STATUS_BY_CODE.set(code, status as number);
  }
}

export function statusOfCode(code: ErrorCode): number {
  const status = STATUS_BY_CODE.get(code);
  if (status === undefined) throw new Error(`Error code ${code} is not declared (declareErrorCodes)`);
  return status;
}

/** The generic code for a status, for failures that carry no code of their own (framework errors). */
export function codeOfStatus(status: number): ErrorCode | undefined {
  for (const [code, known] of STATUS_BY_CODE) if (known === status) return code as ErrorCode;
  return undefined;
}

/** A failure the caller can act on: one stable code, whose status the catalog gives. */
export class DomainError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
    this.status = statusOfCode(code);
  }
}

export interface FieldProblem {
  field: string;
  problems: string[];
}

export class ValidationFailedError extends DomainError {
  constructor(message: string, details?: FieldProblem[]) {
    super('VALIDATION_FAILED', message, details);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Authentication required') {
    super('UNAUTHENTICATED', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(permission: string) {
    super('FORBIDDEN', `Your role lacks the permission ${permission}`, { permission });
  }
}

export class NotFoundError extends DomainError {
  constructor(resource: string) {
    super('NOT_FOUND', `${resource} not found`);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details?: unknown) {
    super('CONFLICT', message, details);
  }
}

export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('RATE_LIMITED', `Too many requests; retry in ${retryAfterSeconds} s`);
  }
}

export class NotAMemberError extends DomainError {
  constructor(message = 'You are not a member of this organization') {
    super('NOT_A_MEMBER', message);
  }
}

/** The route may not be called this way (no access policy declared, or not by this kind of caller). */
export class RoutePolicyError extends DomainError {
  constructor(message = 'This endpoint is not available') {
    super('FORBIDDEN', message, { rule: 'route_policy' });
  }
}
