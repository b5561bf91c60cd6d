import { Anchor, Button, Code, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link, useNavigate, useParams } from 'react-router';
import type { Membership } from '../../../api/use-me';
import { describeFailure } from '../../../ui/api-failure';
import { FormAlert } from '../../../ui/form-alert';
import { billingPath, CHECKOUT_PARAM, sameOriginPath } from '../billing-paths';
import { SandboxOrganization } from './sandbox-organization';
import { useCompleteSandboxCheckout } from './sandbox-queries';

/** /sandbox/checkout/:sessionId?organization=: the sandbox's stand-in for Stripe Checkout. */
export function SandboxCheckoutPage() {
  useDocumentTitle('Sandbox checkout · Plinth');
  const { sessionId = '' } = useParams();
  return <SandboxOrganization>{(membership) => <SandboxCheckout membership={membership} sessionId={sessionId} />}</SandboxOrganization>;
}

function SandboxCheckout({ membership, sessionId }: { membership: Membership; sessionId: string }) {
  const navigate = useNavigate();
  const complete = useCompleteSandboxCheckout(membership.organizationId);
  const pay = () =>
    complete.mutate(sessionId, {
      onSuccess: ({ successUrl }) => {
        const path = sameOriginPath(successUrl);
        if (path) navigate(path);
        else window.location.assign(successUrl);
      },
    });
  return (
    <Stack>
      <Title order={1}>Sandbox checkout</Title>
      <Text>
        Subscribing <b>{membership.name}</b> to the plan and billing cycle you chose on its billing page.
      </Text>
      <Group gap="xs">
        <Text size="sm" c="dimmed">
          Checkout session
        </Text>
        <Code data-testid="sandbox-session">{sessionId}</Code>
      </Group>
      <Text size="sm" c="dimmed">
        In the sandbox the payment always goes through and no card is charged. To try a failing renewal, set the card to fail in the sandbox
        billing portal afterwards.
      </Text>
      <FormAlert message={complete.isError ? describeFailure(complete.error) : null} />
      <Group>
        <Button onClick={pay} loading={complete.isPending || complete.isSuccess}>
          Pay (sandbox)
        </Button>
        <Anchor component={Link} to={billingPath(membership.slug, { [CHECKOUT_PARAM]: 'canceled' })}>
          Cancel
        </Anchor>
      </Group>
    </Stack>
  );
}
