import { RateLimitedError } from '@plinth/tenancy';
import type { Invite } from './entities/invite.entity';

/** API.md: a resend at most once a minute and 5 times a (UTC) day per invite. */
export const RESEND_EVERY_MS = 60_000;
export const RESENDS_PER_DAY = 5;

const DAY_MS = 24 * 3600 * 1000;

/** 429 with the wait, when this invite was sent too recently or too often today. */
export function resendRefusal(invite: Invite, now = new Date()): RateLimitedError | null {
  const sinceLast = now.getTime() - invite.lastSentAt.getTime();
  if (sinceLast < RESEND_EVERY_MS) return new RateLimitedError(Math.ceil((RESEND_EVERY_MS - sinceLast) / 1000));
  if (resendsToday(invite, now) >= RESENDS_PER_DAY) {
    const tomorrow = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
    return new RateLimitedError(Math.ceil((tomorrow - now.getTime()) / 1000));
  }
  return null;
}

/** The counters after one more resend now. */
export function afterResend(invite: Invite, now = new Date()): Pick<Invite, 'lastSentAt' | 'resendDay' | 'resendsThatDay'> {
  return { lastSentAt: now, resendDay: utcDay(now), resendsThatDay: resendsToday(invite, now) + 1 };
}

function resendsToday(invite: Invite, now: Date): number {
  return invite.resendDay === utcDay(now) ? invite.resendsThatDay : 0;
}

function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** 429 once an organization has created `perHour` invites in the last hour; waits until the oldest of them ages out. */
export function hourlyRefusal(recent: { count: number; oldest: Date | null }, perHour: number, now = new Date()): RateLimitedError | null {
  if (recent.count < perHour || !recent.oldest) return null;
  return new RateLimitedError(Math.max(1, Math.ceil((recent.oldest.getTime() + DAY_MS / 24 - now.getTime()) / 1000)));
}
