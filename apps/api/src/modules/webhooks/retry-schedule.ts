/** Attempts per delivery (and per replay): the first, then seven retries spread over about a day. */
export const MAX_ATTEMPTS = 8;

const FIRST_RETRY_MS = 5_000;
const GROWTH = 5;
/** ±25 %: endpoints that failed together do not all retry in the same second. */
const JITTER = 0.25;

/**
 * How long to wait after failed attempt number `attempt` (1-based) of a
 * round, or null when it was the last. Exponential — about 5 s, 25 s, 2 min,
 * 10 min, 52 min, 4.3 h and 22 h, so the eighth attempt comes about a day
 * after the first — each jittered by up to a quarter either way.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number | null {
  if (attempt >= MAX_ATTEMPTS) return null;
  const base = FIRST_RETRY_MS * GROWTH ** (attempt - 1);
  return Math.round(base * (1 - JITTER + 2 * JITTER * random()));
}
