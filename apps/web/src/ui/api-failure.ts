import type { UseFormReturnType } from '@mantine/form';
import { ApiError } from '@plinth/api-client';

/**
 * Puts an API failure where the person will look for it: a field's problem
 * beside that field, everything else in one message for the form's alert.
 * Returns that message, or null when every problem found its field.
 */
export function showApiFailure<Values extends Record<string, unknown>>(form: UseFormReturnType<Values>, error: unknown): string | null {
  if (!(error instanceof ApiError)) return describeFailure(error);
  const fields = Object.keys(form.getValues());
  const placed = Object.entries(fieldProblemsOf(error)).filter(([field]) => fields.includes(field));
  for (const [field, problem] of placed) form.setFieldError(field, problem);
  const everyProblemPlaced = placed.length > 0 && placed.length === Object.keys(fieldProblemsOf(error)).length;
  return everyProblemPlaced ? null : error.message;
}

/** A sentence for any failure, for alerts that belong to no field. */
export function describeFailure(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Could not reach Plinth. Check your connection and try again.';
}

/** VALIDATION_FAILED lists its fields; a CONFLICT may name the one field that clashed. */
function fieldProblemsOf(error: ApiError): Record<string, string> {
  if (error.code === 'CONFLICT') {
    const field = (error.details as { field?: unknown } | undefined)?.field;
    return typeof field === 'string' ? { [field]: error.message } : {};
  }
  return error.fieldErrors();
}
