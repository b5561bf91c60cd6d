import type { Limit } from './plans';

export const WARNING_THRESHOLDS = [80, 90, 95] as const;

export interface Usage {
  current: number;
  limit: Limit;
}

export function remaining({ current, limit }: Usage): number | null {
  return limit === null ? null : Math.max(limit - current, 0);
}

/** Whole percent of the limit in use; null when unlimited; 100 for a zero limit. */
export function percentage({ current, limit }: Usage): number | null {
  if (limit === null) return null;
  if (limit === 0) return 100;
  return Math.floor((current / limit) * 100);
}

/** The highest warning threshold that going from `before` to `after` crosses, if any. */
export function crossedThreshold(before: number, after: number, limit: Limit): number | null {
  if (limit === null || limit === 0) return null;
  const crossed = WARNING_THRESHOLDS.filter((t) => before * 100 < t * limit && after * 100 >= t * limit);
  return crossed.length > 0 ? crossed[crossed.length - 1] : null;
}
