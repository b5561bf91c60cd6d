import { describe, expect, it } from '@jest/globals';
import { checkExpiry, endOfDayIso, todayInputValue } from './key-expiry';

// Dates are built from local parts, so these hold in any time zone the tests run in.
const localNoon = (year: number, month: number, day: number) => new Date(year, month - 1, day, 12, 0, 0);

describe('todayInputValue', () => {
  it('is the local calendar day as an <input type="date"> value', () => {
    expect(todayInputValue(localNoon(2025, 3, 9))).toBe('2025-03-09');
  });

  it('stays on the local day just before and after midnight', () => {
    expect(todayInputValue(new Date(2025, 11, 31, 23, 59, 59))).toBe('2025-12-31');
    expect(todayInputValue(new Date(2026, 0, 1, 0, 0, 1))).toBe('2026-01-01');
  });
});

describe('endOfDayIso', () => {
  it('is the last millisecond of that day in local time, as an ISO instant', () => {
    expect(endOfDayIso('2025-03-09')).toBe(new Date(2025, 2, 9, 23, 59, 59, 999).toISOString());
  });
});

describe('checkExpiry', () => {
  const now = localNoon(2025, 3, 9);

  it('allows no date: the key never expires', () => {
    expect(checkExpiry('', now)).toBeNull();
  });

  it('allows today (the key works until the day ends) and later days', () => {
    expect(checkExpiry('2025-03-09', now)).toBeNull();
    expect(checkExpiry('2026-01-01', now)).toBeNull();
  });

  it('refuses a day that is over', () => {
    expect(checkExpiry('2025-03-08', now)).toBe('Choose today or a later day');
  });

  it('refuses what is not a date', () => {
    expect(checkExpiry('next week', now)).toBe('Enter a date, or leave it empty for a key that does not expire');
  });
});
