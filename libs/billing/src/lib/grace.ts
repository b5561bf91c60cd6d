/** A past-due subscription keeps its plan this long, then the organization is moved to Free. */
export const GRACE_DAYS = 7;
/** Days into the grace period on which the owners are reminded (with the portal link). */
export const GRACE_REMINDER_DAYS = [1, 3, 5] as const;

const DAY_MS = 86_400_000;

export const addDays = (at: Date, days: number): Date => new Date(at.getTime() + days * DAY_MS);

export function graceEndsAt(startedAt: Date): Date {
  return addDays(startedAt, GRACE_DAYS);
}

/**
 * The latest reminder due at `now` that is not yet sent (`sent` reminders
 * went out before), or null. After a long gap (a sandbox clock moved by a
 * week) only the latest is sent: three mails at once say no more than one.
 */
export function dueReminder(startedAt: Date, now: Date, sent: number): { index: number; day: number; daysLeft: number } | null {
  let due: number | null = null;
  GRACE_REMINDER_DAYS.forEach((day, index) => {
    if (index >= sent && addDays(startedAt, day) <= now) due = index;
  });
  if (due === null) return null;
  const day = GRACE_REMINDER_DAYS[due];
  return { index: due, day, daysLeft: GRACE_DAYS - day };
}

/** When the next reminder or the end of grace falls, to look again then. */
export function nextGraceMoment(startedAt: Date, sent: number): Date {
  const day = GRACE_REMINDER_DAYS[sent];
  return addDays(startedAt, day ?? GRACE_DAYS);
}
