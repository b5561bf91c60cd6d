import { PlanCatalog } from './plan-catalog';
import { DEFAULT_PLANS, Dimension, Plan } from './plans';
import { crossedThreshold, percentage, remaining } from './quota-math';

const MB = 1024 ** 2;
const GB = 1024 ** 3;

describe('default plan catalog (API.md "Plans")', () => {
  const catalog = new PlanCatalog();

  it.each<[Plan['tier'], Dimension, number | null]>([
    ['free', 'sites', 1],
    ['free', 'posts', 20],
    ['free', 'users', 2],
    ['free', 'storage_bytes', 500 * MB],
    ['free', 'api_calls', 10_000],
    ['starter', 'sites', 3],
    ['starter', 'posts', 100],
    ['starter', 'users', 5],
    ['starter', 'storage_bytes', 5 * GB],
    ['starter', 'api_calls', 100_000],
    ['pro', 'sites', 10],
    ['pro', 'posts', 1_000],
    ['pro', 'users', 20],
    ['pro', 'storage_bytes', 50 * GB],
    ['pro', 'api_calls', 1_000_000],
    ['enterprise', 'sites', null],
    ['enterprise', 'posts', null],
    ['enterprise', 'users', null],
    ['enterprise', 'storage_bytes', null],
    ['enterprise', 'api_calls', null],
  ])('%s allows %s: %p', (tier, dimension, limit) => {
    expect(catalog.limit(tier, dimension)).toBe(limit);
  });

  it.each([
    ['free', 0, null, 10, false, false, false, null],
    ['starter', 2_900, 29_000, 50, false, false, true, 14],
    ['pro', 9_900, 99_000, 200, true, true, true, 14],
    ['enterprise', null, null, 1_000, true, true, true, null],
  ] as const)('%s: prices, rate limit, features, trial', (tier, monthly, annual, rate, webhooks, auditExport, domains, trial) => {
    const plan = catalog.plan(tier);
    expect([plan.priceMonthlyCents, plan.priceAnnualCents, plan.rateLimitPerSecond, plan.trialDays]).toEqual([
      monthly,
      annual,
      rate,
      trial,
    ]);
    expect(plan.features).toEqual({ webhooks, auditExport, customDomains: domains });
  });

  it('names the cheapest tier with a feature', () => {
    expect(catalog.cheapestWith('webhooks')).toBe('pro');
    expect(catalog.cheapestWith('customDomains')).toBe('starter');
  });

  it('refuses a catalog that lacks a tier or has a bad limit', () => {
    expect(() => new PlanCatalog(DEFAULT_PLANS.slice(1))).toThrow(/exactly one "free" plan/);
    const broken = DEFAULT_PLANS.map((p) => (p.tier === 'pro' ? { ...p, limits: { ...p.limits, sites: -1 } } : p));
    expect(() => new PlanCatalog(broken)).toThrow(/pro.limits.sites/);
  });
});

describe('quota math', () => {
  it.each([
    [{ current: 0, limit: 20 }, 20, 0],
    [{ current: 16, limit: 20 }, 4, 80],
    [{ current: 25, limit: 20 }, 0, 125],
    [{ current: 5, limit: null }, null, null],
    [{ current: 0, limit: 0 }, 0, 100],
  ])('%j → remaining %p, %p %%', (usage, left, percent) => {
    expect(remaining(usage)).toBe(left);
    expect(percentage(usage)).toBe(percent);
  });

  it.each([
    [15, 16, 20, 80],
    [16, 17, 20, null],
    [17, 18, 20, 90],
    [18, 19, 20, 95],
    [10, 19, 20, 95],
    [79, 80, 100, 80],
    [0, 5, null, null],
  ])('%d → %d of %p crosses %p', (before, after, limit, crossed) => {
    expect(crossedThreshold(before, after, limit)).toBe(crossed);
  });
});
