import { Alert, Button, Stack, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link, useSearchParams } from 'react-router';
import { useIsSignedIn } from '../../api/use-session';
import { describeFailure } from '../../ui/api-failure';
import { PageLoader } from '../../ui/page-loader';
import { useEmailChangeConfirmation } from './account-queries';

/** /confirm-email?token=…: the link mailed to a new address completes the change. */
export function ConfirmEmailPage() {
  useDocumentTitle('Confirm your new email · Plinth');
  const token = useSearchParams()[0].get('token') ?? '';
  const confirmation = useEmailChangeConfirmation(token);
  const signedIn = useIsSignedIn();

  if (token && confirmation.isPending) return <PageLoader label="Confirming your new email address" />;
  return (
    <Stack>
      <Title order={1} fz="h2">
        Confirm your new email
      </Title>
      {confirmation.isSuccess ? (
        <Alert color="teal" title="Email address changed">
          You sign in as {confirmation.data.user.email} from now on.
        </Alert>
      ) : (
        <Alert color="red" title="We could not change your email address">
          {token ? describeFailure(confirmation.error) : 'This link has no confirmation token.'} Ask for a new link from your account
          settings.
        </Alert>
      )}
      <Button component={Link} to={signedIn ? '/o' : '/login'} fullWidth>
        {signedIn ? 'Continue to your dashboard' : 'Log in'}
      </Button>
    </Stack>
  );
}
