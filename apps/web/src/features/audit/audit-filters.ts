/** The audit log filters as the form holds them: an action name, who acted (a user's or API key's id) and a range of whole local days. */
export type AuditFilters = {
  action: string;
  actorId: string;
  fromDay: string;
  toDay: string;
};

export const NO_FILTERS: AuditFilters = { action: '', actorId: '', fromDay: '', toDay: '' };

export type AuditQuery = { action?: string; actorId?: string; from?: string; to?: string };

/** The API's `to` is exclusive: a range "to" a day ends at the start of the next one. */
export function toAuditQuery(filters: AuditFilters): AuditQuery {
  return {
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.actorId ? { actorId: filters.actorId } : {}),
    ...(filters.fromDay ? { from: startOfDay(filters.fromDay).toISOString() } : {}),
    ...(filters.toDay ? { to: startOfNextDay(filters.toDay).toISOString() } : {}),
  };
}

export function checkAction(action: string): string | null {
  if (action === '' || /^[a-z_]+(\.[a-z_]+)*$/.test(action)) return null;
  return 'Use an action name such as member.role_changed';
}

export function checkRange(toDay: string, filters: AuditFilters): string | null {
  if (!toDay || !filters.fromDay) return null;
  return toDay >= filters.fromDay ? null : 'The end comes before the start';
}

function startOfDay(day: string): Date {
  return new Date(`${day}T00:00:00`);
}

function startOfNextDay(day: string): Date {
  const next = startOfDay(day);
  next.setDate(next.getDate() + 1);
  return next;
}
