/** The fields of a PostgreSQL error that code acts on, whether pg's own or wrapped by TypeORM (`driverError`). */
export interface DatabaseErrorFields {
  code?: string;
  constraint?: string;
  detail?: string;
  message?: string;
}

export function databaseError(error: unknown): DatabaseErrorFields | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const driverError = (error as { driverError?: unknown }).driverError ?? error;
  return typeof (driverError as DatabaseErrorFields).code === 'string' ? (driverError as DatabaseErrorFields) : undefined;
}

/** PostgreSQL's unique_violation (23505), optionally on one named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return violates(error, '23505', constraint);
}

/** PostgreSQL's foreign_key_violation (23503), optionally on one named constraint. */
export function isForeignKeyViolation(error: unknown, constraint?: string): boolean {
  return violates(error, '23503', constraint);
}

function violates(error: unknown, code: string, constraint: string | undefined): boolean {
  const fields = databaseError(error);
  return fields?.code === code && (constraint === undefined || fields.constraint === constraint);
}
