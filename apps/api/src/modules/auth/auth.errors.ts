import { ConflictError, UnauthenticatedError, ValidationFailedError } from '@plinth/tenancy';

export class InvalidCredentialsError extends UnauthenticatedError {
  constructor() {
    super('Invalid email or password');
  }
}

export class InvalidRefreshTokenError extends UnauthenticatedError {
  constructor() {
    super('Refresh token is invalid, expired or revoked');
  }
}

export class EmailTakenError extends ConflictError {
  constructor() {
    super('An account with this email already exists', { field: 'email' });
  }
}

export class InvalidLinkTokenError extends ValidationFailedError {
  constructor() {
    super('The link is invalid, expired or already used', [{ field: 'token', problems: ['invalid, expired or already used'] }]);
  }
}
