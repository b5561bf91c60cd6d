import { ConflictError, DomainError, UnauthenticatedError, ValidationFailedError } from '@plinth/tenancy';

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
  constructor(field = 'email') {
    super('An account with this email already exists', { field });
  }
}

export class InvalidLinkTokenError extends ValidationFailedError {
  constructor() {
    super('The link is invalid, expired or already used', [{ field: 'token', problems: ['invalid, expired or already used'] }]);
  }
}

/** A signed-in change (password, email, deleting the account) confirmed with the wrong current password. */
export class WrongPasswordError extends DomainError {
  constructor(field: string) {
    super('FORBIDDEN', 'Current password is wrong', { field });
  }
}

export class SameEmailError extends ValidationFailedError {
  constructor() {
    super('This is already your email address', [{ field: 'newEmail', problems: ['newEmail is already your email address'] }]);
  }
}

export interface BlockingOrganization {
  id: string;
  name: string;
  slug: string;
}

/** Deleting the account would leave organizations with members but no owner. */
export class LastOwnerOfOrganizationsError extends ConflictError {
  constructor(organizations: BlockingOrganization[]) {
    super('You are the last owner of organizations that have other members: transfer their ownership (or remove the other members) first', {
      rule: 'last_owner',
      organizations,
    });
  }
}

/** The account joined an organization while it was being deleted. */
export class AccountChangedError extends ConflictError {
  constructor() {
    super('Your memberships changed while the account was being deleted; try again');
  }
}
