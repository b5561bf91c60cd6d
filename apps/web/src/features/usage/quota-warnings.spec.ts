import { describe, expect, it } from '@jest/globals';
import type { QuotaStatus } from './quota-status-query';
import { quotaWarnings } from './quota-warnings';

function status(percentages: Partial<Record<keyof QuotaStatus, number | null>>): QuotaStatus {
  const dimension = (percentage: number | null = 0) => ({
    current: percentage ?? 0,
    limit: percentage === null ? null : 100,
    remaining: percentage === null ? null : 100 - percentage,
    percentage,
  });
  return {
    sites: dimension(percentages.sites),
    posts: { ...dimension(percentages.posts), perSite: [] },
    users: dimension(percentages.users),
    storage_bytes: dimension(percentages.storage_bytes),
    api_calls: { ...dimension(percentages.api_calls), periodEnd: '2026-01-01T00:00:00.000Z' },
  };
}

describe('quotaWarnings', () => {
  // The API's X-Quota-Warning marks (80, 90, 95 %) and the limit itself.
  it.each([
    [0, null],
    [79, null],
    [80, 80],
    [89, 80],
    [90, 90],
    [94, 90],
    [95, 95],
    [99, 95],
    [100, 100],
    [140, 100],
  ])('at %i %% warns at the %s mark', (percentage, level) => {
    const warnings = quotaWarnings(status({ storage_bytes: percentage }));
    expect(warnings.map((warning) => warning.level)).toEqual(level === null ? [] : [level]);
  });

  it('never warns about an unlimited dimension', () => {
    expect(quotaWarnings(status({ sites: null, posts: null, users: null, storage_bytes: null, api_calls: null }))).toEqual([]);
  });

  it('lists the fullest first, ties in the plan catalog’s order', () => {
    const warnings = quotaWarnings(status({ sites: 100, users: 100, storage_bytes: 85, api_calls: 96 }));
    expect(warnings.map((warning) => warning.dimension)).toEqual(['sites', 'users', 'api_calls', 'storage_bytes']);
  });
});
