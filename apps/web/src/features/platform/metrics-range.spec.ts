import { describe, expect, it } from '@jest/globals';
import { formatRate, toMetricsRange } from './metrics-range';

describe('toMetricsRange', () => {
  it('takes whole UTC days, either end optional', () => {
    expect(toMetricsRange('2026-01-01', '2026-01-31')).toEqual({ from: '2026-01-01T00:00:00.000Z', to: '2026-01-31T23:59:59.999Z' });
    expect(toMetricsRange('', '')).toEqual({ from: undefined, to: undefined });
    expect(toMetricsRange('2026-01-01', '2026-01-01')).toEqual({ from: '2026-01-01T00:00:00.000Z', to: '2026-01-01T23:59:59.999Z' });
  });

  it('refuses a start after the end', () => {
    expect(toMetricsRange('2026-02-01', '2026-01-31')).toEqual({ problem: 'The start comes after the end' });
  });
});

describe('formatRate', () => {
  it.each([
    [0.4567, '45.7 %'],
    [1, '100 %'],
    [0, '0 %'],
    [null, '—'],
  ])('%p → %s', (rate, text) => expect(formatRate(rate)).toBe(text));
});
