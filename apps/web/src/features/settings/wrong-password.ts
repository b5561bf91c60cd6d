import type { UseFormReturnType } from '@mantine/form';
import { ApiError } from '@plinth/api-client';
import { showApiFailure } from '../../ui/api-failure';

/**
 * Like showApiFailure, and a refused password (403 FORBIDDEN from the
 * account endpoints) is shown beside the password field that was wrong.
 */
export function showAccountFailure<Values extends Record<string, unknown>>(
  form: UseFormReturnType<Values>,
  passwordField: keyof Values & string,
  error: unknown,
): string | null {
  if (error instanceof ApiError && error.code === 'FORBIDDEN') {
    form.setFieldError(passwordField, error.message);
    return null;
  }
  return showApiFailure(form, error);
}
