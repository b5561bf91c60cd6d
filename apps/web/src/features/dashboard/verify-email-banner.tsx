import { Alert } from '@mantine/core';

export function VerifyEmailBanner({ email }: { email: string }) {
  return (
    <Alert color="yellow" variant="light" title="Verify your email address">
      We sent a link to {email}. Open it to confirm your address.
    </Alert>
  );
}
