import { CachedProbe } from './cached-probe';

describe('CachedProbe', () => {
  let now: number;
  let calls: number;
  let failing: boolean;
  const probe = () =>
    new CachedProbe(
      async () => {
        calls++;
        if (failing) throw new Error('down');
      },
      5_000,
      () => now,
    );

  beforeEach(() => {
    now = 0;
    calls = 0;
    failing = false;
  });

  it('dials once for concurrent callers and within the time it keeps an answer', async () => {
    const cached = probe();
    await Promise.all([cached.check(), cached.check(), cached.check()]);
    now = 4_999;
    await cached.check();
    expect(calls).toBe(1);
  });

  it('dials again once the answer is older than its time to live', async () => {
    const cached = probe();
    await cached.check();
    now = 5_000;
    await cached.check();
    expect(calls).toBe(2);
  });

  it('keeps a failure as long as a success, then tells the recovery', async () => {
    const cached = probe();
    failing = true;
    await expect(cached.check()).rejects.toThrow('down');
    failing = false;
    await expect(cached.check()).rejects.toThrow('down');
    now = 5_000;
    await expect(cached.check()).resolves.toBeUndefined();
    expect(calls).toBe(2);
  });
});
