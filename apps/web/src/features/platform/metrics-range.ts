import type { MetricsRange } from './platform-queries';

/** Two calendar days (YYYY-MM-DD, UTC, either may be empty) as the API's range: from the first day's start to the last day's end. */
export function toMetricsRange(from: string, to: string): MetricsRange | { problem: string } {
  const range: MetricsRange = {
    from: from ? `${from}T00:00:00.000Z` : undefined,
    to: to ? `${to}T23:59:59.999Z` : undefined,
  };
  if (range.from && range.to && range.from > range.to) return { problem: 'The start comes after the end' };
  return range;
}

/** 0.4567 → "45.7 %"; null (nothing to divide) → "—". */
export function formatRate(rate: number | null): string {
  if (rate === null) return '—';
  return `${(rate * 100).toFixed(1).replace(/\.0$/, '')} %`;
}
