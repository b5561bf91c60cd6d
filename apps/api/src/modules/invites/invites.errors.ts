import { ConflictError, DomainError } from '@plinth/tenancy';

export class InviteExpiredError extends DomainError {
  constructor() {
    super(410, 'INVITE_EXPIRED', 'This invitation has expired; ask for a new one');
  }
}

export class InviteUsedError extends DomainError {
  constructor() {
    super(410, 'INVITE_USED', 'This invitation has already been accepted');
  }
}

export class InviteForAnotherEmailError extends DomainError {
  constructor() {
    super(403, 'FORBIDDEN', 'This invitation was sent to another email address', { rule: 'invite_email' });
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
