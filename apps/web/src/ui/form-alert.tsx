import { Alert } from '@mantine/core';

/** The form-level failure (wrong credentials, rate limit, server down), above the submit button. */
export function FormAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <Alert color="red" variant="light" title="That did not work">
      {message}
    </Alert>
  );
}
