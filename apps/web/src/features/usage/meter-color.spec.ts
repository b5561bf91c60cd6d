import { describe, expect, it } from '@jest/globals';
import { meterColor } from './meter-color';

describe('meterColor', () => {
  // The API's X-Quota-Warning marks: 80, 90 and 95 %.
  it.each([
    [0, 'teal'],
    [79, 'teal'],
    [80, 'yellow'],
    [89, 'yellow'],
    [90, 'orange'],
    [94, 'orange'],
    [95, 'red'],
    [100, 'red'],
    [250, 'red'],
  ])('%i %% is %s', (percentage, color) => {
    expect(meterColor(percentage)).toBe(color);
  });

  it('is grey for an unlimited limit (no percentage)', () => {
    expect(meterColor(null)).toBe('gray');
  });
});
