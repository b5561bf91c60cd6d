import { ConflictError, declareErrorCodes, DomainError } from '@plinth/tenancy';

declare module '@plinth/tenancy' {
  interface ErrorCatalog {
    INVITE_EXPIRED: 410;
    INVITE_USED: 410;
  }
}
declareErrorCodes({ INVITE_EXPIRED: 410, INVITE_USED: 410 });

export class InviteExpiredError extends DomainError {
  constructor() {
    super('INVITE_EXPIRED', 'This invitation has expired; ask for a new one');
  }
}

export class InviteUsedError extends DomainError {
  constructor() {
    super('INVITE_USED', 'This invitation has already been accepted');
  }
}

export class InviteForAnotherEmailError extends DomainError {
  constructor() {
    super('FORBIDDEN', 'This invitation was sent to another email address', { rule: 'invite_email' });
  }
}

export class AlreadyMemberError extends ConflictError {
  constructor() {
    super('This person is already a member', { field: 'email' });
  }
}

export class PendingInviteExistsError extends ConflictError {
  constructor() {
    super('A pending invitation for this email exists; resend it instead', { field: 'email' });
  }
}
