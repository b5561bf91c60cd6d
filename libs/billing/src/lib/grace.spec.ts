import { addDays, dueReminder, graceEndsAt, nextGraceMoment } from './grace';

const start = new Date('2026-03-01T12:00:00Z');
const hours = (n: number) => new Date(start.getTime() + n * 3_600_000);

describe('grace', () => {
  it('lasts seven days', () => {
    expect(graceEndsAt(start).toISOString()).toBe('2026-03-08T12:00:00.000Z');
  });

  it.each([
    [23, 0, null],
    [24, 0, { index: 0, day: 1, daysLeft: 6 }],
    [47, 1, null],
    [72, 1, { index: 1, day: 3, daysLeft: 4 }],
    [72, 2, null],
    [121, 2, { index: 2, day: 5, daysLeft: 2 }],
    [160, 3, null],
    // After a long gap only the latest due reminder is sent.
    [130, 0, { index: 2, day: 5, daysLeft: 2 }],
  ])('after %i hours with %i sent, the reminder due is %j', (elapsed, sent, expected) => {
    expect(dueReminder(start, hours(elapsed), sent)).toEqual(expected);
  });

  it('looks again at the next reminder, then at the end', () => {
    expect([0, 1, 2, 3].map((sent) => nextGraceMoment(start, sent))).toEqual([1, 3, 5, 7].map((days) => addDays(start, days)));
  });
});
