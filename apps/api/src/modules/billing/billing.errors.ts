import { ConflictError, DomainError, ValidationFailedError } from '@plinth/tenancy';

export class NotForCheckoutError extends ValidationFailedError {
  constructor(tier: string) {
    const problem = tier === 'enterprise' ? 'Enterprise is arranged with us directly: contact sales' : 'Free needs no checkout';
    super(problem, [{ field: 'planTier', problems: [problem] }]);
  }
}

export class CycleNotOfferedError extends ValidationFailedError {
  constructor(tier: string, cycle: string) {
    super(`The ${tier} plan is not offered ${cycle}`, [{ field: 'billingCycle', problems: [`not offered for ${tier}`] }]);
  }
}

export class ForeignReturnUrlError extends ValidationFailedError {
  constructor(field: string) {
    super(`${field} must be on this application's origin`, [{ field, problems: ['must be on this application’s origin'] }]);
  }
}

export class SubscriptionLiveError extends ConflictError {
  constructor() {
    super('The organization already has a live subscription: change or cancel it in the billing portal', { use: 'portal' });
  }
}

export class EnterpriseContractError extends ConflictError {
  constructor() {
    super('The organization is on an Enterprise contract: changes to it are arranged with sales');
  }
}

export class NothingToCancelError extends ConflictError {
  constructor() {
    super('The organization has no live subscription to cancel');
  }
}

export class NoBillingAccountError extends ConflictError {
  constructor() {
    super('The organization has no billing account yet: subscribe to a plan first');
  }
}

/** The payment provider failed or did not answer; nothing was changed. */
export class BillingProviderUnavailableError extends DomainError {
  constructor() {
    super('SERVICE_UNAVAILABLE', 'The payment provider did not answer; nothing was changed. Try again in a moment.');
  }
}

export class PayAsYouGoUnavailableError extends ConflictError {
  constructor() {
    super('Pay as you go needs a live Starter or Pro subscription, and a metered price configured for API calls');
  }
}
