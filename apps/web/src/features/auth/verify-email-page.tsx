import { Alert, Button, Stack, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useEmailVerification } from '../../api/account-links';
import { queryKeys } from '../../api/query-keys';
import { fetchMe } from '../../api/use-me';
import { useIsSignedIn } from '../../api/use-session';
import { describeFailure } from '../../ui/api-failure';
import { PageLoader } from '../../ui/page-loader';

type Outcome = 'verified' | 'already-verified' | 'failed';

export function VerifyEmailPage() {
  useDocumentTitle('Verify your email · Plinth');
  const token = useSearchParams()[0].get('token') ?? '';
  const verification = useEmailVerification(token);
  const signedIn = useIsSignedIn();
  // A used link says only "invalid"; for someone signed in, their account tells whether the address is confirmed anyway.
  const me = useQuery({ queryKey: queryKeys.me, queryFn: fetchMe, enabled: signedIn && verification.isError });

  if (token && verification.isPending) return <PageLoader label="Verifying your email address" />;
  if (verification.isError && signedIn && me.isPending) return <PageLoader label="Checking your account" />;
  const outcome: Outcome = verification.isSuccess ? 'verified' : me.data?.user.emailVerified ? 'already-verified' : 'failed';
  return (
    <Stack>
      <Title order={1} fz="h2">
        Verify your email
      </Title>
      {outcome === 'verified' && (
        <Alert color="teal" title="Email address verified">
          Thank you: your email address is confirmed.
        </Alert>
      )}
      {outcome === 'already-verified' && (
        <Alert color="teal" title="Your email address is already verified">
          {me.data?.user.email} was confirmed before; this link has been used and there is nothing more to do.
        </Alert>
      )}
      {outcome === 'failed' && (
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
