import { effectiveTier, judge, wholeSeconds } from './subscription-state';

const at = (seconds: number) => new Date(seconds * 1000);
const applied = (subscriptionId: string | null, status: 'active' | 'past_due' | 'canceled' | null, syncedAt: number | null) => ({
  subscriptionId,
  status,
  syncedAt: syncedAt === null ? null : at(syncedAt),
});

describe('judge: what to do with a subscription state', () => {
  it.each([
    ['nothing applied yet', applied(null, null, null), { id: 'sub_1', status: 'active' }, 100, false, 'apply'],
    ['newer than applied', applied('sub_1', 'active', 100), { id: 'sub_1', status: 'past_due' }, 101, false, 'apply'],
    ['older than applied', applied('sub_1', 'past_due', 100), { id: 'sub_1', status: 'active' }, 99, false, 'stale'],
    [
      'as old as applied (which came last is unknown)',
      applied('sub_1', 'past_due', 100),
      { id: 'sub_1', status: 'active' },
      100,
      false,
      'confirm',
    ],
    [
      'fetched from the provider, whatever its time',
      applied('sub_1', 'past_due', 100),
      { id: 'sub_1', status: 'active' },
      50,
      true,
      'apply',
    ],
    ['a canceled subscription coming back', applied('sub_1', 'canceled', 100), { id: 'sub_1', status: 'active' }, 200, false, 'ignore'],
    ['…even when fetched', applied('sub_1', 'canceled', 100), { id: 'sub_1', status: 'active' }, 200, true, 'ignore'],
    ['a canceled one, canceled again', applied('sub_1', 'canceled', 100), { id: 'sub_1', status: 'canceled' }, 200, false, 'apply'],
    ['another subscription while one is live', applied('sub_1', 'active', 100), { id: 'sub_2', status: 'active' }, 200, false, 'ignore'],
    [
      'a new live subscription after the last ended',
      applied('sub_1', 'canceled', 100),
      { id: 'sub_2', status: 'active' },
      50,
      false,
      'apply',
    ],
    [
      'an old subscription’s end after a new one',
      applied('sub_2', 'active', 100),
      { id: 'sub_1', status: 'canceled' },
      200,
      false,
      'ignore',
    ],
  ] as const)('%s', (_, stored, incoming, seconds, fetched, verdict) => {
    expect(judge(stored, incoming, { at: at(seconds), fetched })).toBe(verdict);
  });
});

describe('effectiveTier', () => {
  it.each([
    ['trialing', 'pro', 'pro'],
    ['active', 'starter', 'starter'],
    ['past_due', 'pro', 'pro'],
    ['unpaid', 'pro', 'pro'],
    ['canceled', 'pro', 'free'],
    ['incomplete', 'pro', 'free'],
    ['incomplete_expired', 'pro', 'free'],
    ['paused', 'pro', 'free'],
    ['active', null, 'free'],
  ] as const)('%s on %s gives %s', (status, tier, expected) => {
    expect(effectiveTier(status, tier)).toBe(expected);
  });
});

it('drops the milliseconds events do not carry', () => {
  expect(wholeSeconds(new Date('2026-12-02T10:00:00.987Z')).toISOString()).toBe('2026-12-02T10:00:00.000Z');
});
