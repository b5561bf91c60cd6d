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

/** The lower-cased email of the body, if any. */
export function emailOf(request: Record<string, unknown>): string | null {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase() : null;
}

/**
 * Tracks by (email, IP): tight, yet a stranger failing from elsewhere cannot
 * lock the owner out. Requests without an email fall back to the IP. A
 * signed-in caller (changing their password, say) is tracked by account:
 * only someone holding their session can spend its attempts.
 */
export function emailAndIpTracker(request: Record<string, unknown>): string {
  const caller = request.user as { kind?: string; userId?: string } | undefined;
  if (caller?.kind === 'user' && caller.userId) return `user:${caller.userId}`;
  const email = emailOf(request);
  return email ? `email:${email}|ip:${String(request.ip)}` : `ip:${String(request.ip)}`;
}
