import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import { RateLimitedError } from '@plinth/tenancy';

/**
 * Brute-force brake for the auth endpoints: per IP ("default") and per
 * email address ("email"). Signed-in API traffic is not limited here.
 */
@Injectable()
export class AuthThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new RateLimitedError(Math.max(1, Math.ceil(detail.timeToBlockExpire)));
  }
}

/** Tracks by the lower-cased email of the body; requests without one fall back to the IP. */
export function emailTracker(request: Record<string, unknown>): string {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? `email:${email.trim().toLowerCase()}` : `ip:${String(request.ip)}`;
}
