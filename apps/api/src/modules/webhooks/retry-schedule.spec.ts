import { MAX_ATTEMPTS, retryDelayMs } from './retry-schedule';

const HOUR = 3_600_000;

describe('retryDelayMs', () => {
  it('retries the first failure within seconds', () => {
    for (const random of [0, 0.5, 0.999]) {
      const delay = retryDelayMs(1, () => random) as number;
      expect(delay).toBeGreaterThanOrEqual(3_000);
      expect(delay).toBeLessThanOrEqual(7_000);
    }
  });

  it('makes at least six attempts, spread over about a day, growing each time', () => {
    expect(MAX_ATTEMPTS).toBeGreaterThanOrEqual(6);
    const delays = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => retryDelayMs(i + 1, () => 0.5) as number);
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThan(delays[i - 1]);
    const total = delays.reduce((sum, delay) => sum + delay, 0);
    expect(total).toBeGreaterThan(20 * HOUR);
    expect(total).toBeLessThan(36 * HOUR);
  });

  it('keeps the whole schedule near a day whatever the jitter', () => {
    for (const random of [0, 0.999]) {
      const total = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => retryDelayMs(i + 1, () => random) as number).reduce((a, b) => a + b);
      expect(total).toBeGreaterThan(18 * HOUR);
      expect(total).toBeLessThan(40 * HOUR);
    }
  });

  it('jitters: two failures at the same step rarely wait the same', () => {
    expect(retryDelayMs(3, () => 0)).not.toBe(retryDelayMs(3, () => 1));
  });

  it('stops after the last attempt', () => {
    expect(retryDelayMs(MAX_ATTEMPTS)).toBeNull();
  });
});
