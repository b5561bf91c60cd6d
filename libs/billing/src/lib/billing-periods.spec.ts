import { monthlyAmount, periodEnd } from './billing-periods';

describe('periodEnd', () => {
  it.each([
    ['2026-01-15T08:00:00Z', 'monthly', '2026-02-15T08:00:00.000Z'],
    ['2026-01-31T08:00:00Z', 'monthly', '2026-02-28T08:00:00.000Z'],
    ['2028-01-31T08:00:00Z', 'monthly', '2028-02-29T08:00:00.000Z'],
    ['2026-12-31T23:59:59Z', 'monthly', '2027-01-31T23:59:59.000Z'],
    ['2028-02-29T00:00:00Z', 'annual', '2029-02-28T00:00:00.000Z'],
    ['2026-06-10T00:00:00Z', 'annual', '2027-06-10T00:00:00.000Z'],
  ] as const)('%s + one %s period = %s', (from, cycle, end) => {
    expect(periodEnd(new Date(from), cycle).toISOString()).toBe(end);
  });
});

it('counts an annual price a twelfth a month', () => {
  expect(monthlyAmount(99_000, 'annual')).toBe(8_250);
  expect(monthlyAmount(9_900, 'monthly')).toBe(9_900);
});
