import { Button, Group, Text } from '@mantine/core';
import { describeFailure } from '../../ui/api-failure';
import { useResendVerification } from './dashboard-queries';

/** Mails a fresh verification link; says so, or why not, beside the button. */
export function ResendVerificationButton() {
  const resend = useResendVerification();
  return (
    <Group gap="sm">
      <Button size="xs" variant="light" loading={resend.isPending} disabled={resend.isSuccess} onClick={() => resend.mutate()}>
        {resend.isSuccess ? 'Link sent' : 'Resend the link'}
      </Button>
      {resend.isSuccess && (
        <Text size="xs" c="dimmed" role="status">
          A new link is on its way to your inbox.
        </Text>
      )}
      {resend.isError && (
        <Text size="xs" c="red" role="alert">
          {describeFailure(resend.error)}
        </Text>
      )}
    </Group>
  );
}
