/** Today as an <input type="date"> value, in the person's time zone. */
export function todayInputValue(now = new Date()): string {
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

/** A key chosen to expire "on" a day works through that whole day, local time. */
export function endOfDayIso(day: string): string {
  return new Date(`${day}T23:59:59.999`).toISOString();
}

export function checkExpiry(day: string, now = new Date()): string | null {
  if (day === '') return null;
  const end = new Date(`${day}T23:59:59.999`);
  if (Number.isNaN(end.getTime())) return 'Enter a date, or leave it empty for a key that does not expire';
  return end.getTime() > now.getTime() ? null : 'Choose today or a later day';
}
