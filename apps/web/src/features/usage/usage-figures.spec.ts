import { describe, expect, it } from '@jest/globals';
import { summarizeDailyUsage } from './api-calls-chart';
import type { QuotaStatus } from './quota-status-query';
import { sitePosts } from './site-posts-table';
import type { Site } from './usage-queries';

const period = { periodStart: '2026-03-01T00:00:00.000Z', periodEnd: '2026-04-01T00:00:00.000Z' };

describe('summarizeDailyUsage', () => {
  it('gives the total, the span and the busiest day (UTC days)', () => {
    const days = [
      { date: '2026-03-01', apiCalls: 3 },
      { date: '2026-03-02', apiCalls: 1200 },
      { date: '2026-03-03', apiCalls: 0 },
    ];
    expect(summarizeDailyUsage({ ...period, days })).toBe('1,203 API calls from Mar 1 to Mar 3; the busiest day was Mar 2 with 1,200.');
  });

  it('says so when there were none', () => {
    expect(summarizeDailyUsage({ ...period, days: [{ date: '2026-03-01', apiCalls: 0 }] })).toBe('No API calls from Mar 1 to Mar 1.');
    expect(summarizeDailyUsage({ ...period, days: [] })).toBe('No days in this period yet.');
  });
});

describe('sitePosts', () => {
  const site = (id: string, name: string): Site => ({ id, name, domain: null, createdAt: '', updatedAt: '' });
  const status = (limit: number | null, perSite: Array<{ siteId: string; current: number }>) =>
    ({ posts: { current: 0, limit, remaining: null, percentage: null, perSite } }) as unknown as QuotaStatus;

  it('names every site, counts the ones missing from perSite as empty, fullest first', () => {
    const rows = sitePosts(status(20, [{ siteId: 'b', current: 15 }]), [site('a', 'Archive'), site('b', 'Blog')]);
    expect(rows).toEqual([
      { siteId: 'b', name: 'Blog', current: 15, percentage: 75 },
      { siteId: 'a', name: 'Archive', current: 0, percentage: 0 },
    ]);
  });

  it('keeps a count whose site is not listed, without a name; no percentage without a limit', () => {
    expect(sitePosts(status(null, [{ siteId: 'z', current: 4 }]), [])).toEqual([{ siteId: 'z', name: null, current: 4, percentage: null }]);
  });
});
