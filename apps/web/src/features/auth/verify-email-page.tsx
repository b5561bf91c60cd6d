import { Alert, Button, Stack, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link, useSearchParams } from 'react-router';
import { useEmailVerification } from '../../api/account-links';
import { useIsSignedIn } from '../../api/use-session';
import { describeFailure } from '../../ui/api-failure';
import { PageLoader } from '../../ui/page-loader';

export function VerifyEmailPage() {
  useDocumentTitle('Verify your email · Plinth');
  const token = useSearchParams()[0].get('token') ?? '';
  const verification = useEmailVerification(token);
  const signedIn = useIsSignedIn();

  if (token && verification.isPending) return <PageLoader label="Verifying your email address" />;
  return (
    <Stack>
      <Title order={1} fz="h2">
        Verify your email
      </Title>
      {verification.isSuccess ? (
        <Alert color="teal" title="Email address verified">
          Thank you: your email address is confirmed.
        </Alert>
      ) : (
        <Alert color="red" title="We could not verify your email address">
          {token ? describeFailure(verification.error) : 'This link has no verification token.'}
        </Alert>
      )}
      <Button component={Link} to={signedIn ? '/o' : '/login'} fullWidth>
        {signedIn ? 'Continue to your dashboard' : 'Log in'}
      </Button>
    </Stack>
  );
}
