const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID in canonical text form, any case (PostgreSQL's `uuid` reads both). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
