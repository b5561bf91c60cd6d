import { Alert, Group, Loader, Text } from '@mantine/core';
import type { Subscription } from './billing-queries';
import { usePlanName } from './current-plan';
import { isLive } from './subscription-status';

interface Props {
  /** The `?checkout=` the checkout sent the person back with, if any. */
  outcome: string | null;
  subscription: Subscription;
  /** Still reading the subscription until the payment's events have landed. */
  waiting: boolean;
  onDismiss: () => void;
}

/** Back from checkout: confirm the subscription once it runs, say so while it is being confirmed, or that nothing was charged. */
export function CheckoutReturn({ outcome, subscription, waiting, onDismiss }: Props) {
  const planName = usePlanName(subscription.planTier);
  if (outcome === 'canceled') {
    return (
      <Alert color="gray" variant="light" title="Checkout canceled" withCloseButton onClose={onDismiss} data-testid="checkout-return">
        Nothing was charged. Choose a plan again whenever you are ready.
      </Alert>
    );
  }
  if (outcome !== 'success') return null;
  if (isLive(subscription)) {
    return (
      <Alert
        color="teal"
        variant="light"
        title={`Welcome to ${planName}`}
        withCloseButton
        onClose={onDismiss}
        data-testid="checkout-return"
      >
        {subscription.status === 'trialing'
          ? 'Your free trial has started: the new limits apply now.'
          : 'Thank you for your payment: the new limits apply now.'}
      </Alert>
    );
  }
  if (waiting) {
    return (
      <Alert color="blue" variant="light" data-testid="checkout-return">
        <Group gap="sm" wrap="nowrap">
          <Loader size="xs" />
          <Text size="sm">Confirming your checkout with the payment provider…</Text>
        </Group>
      </Alert>
    );
  }
  return (
    <Alert color="yellow" variant="light" title="Still confirming" withCloseButton onClose={onDismiss} data-testid="checkout-return">
      The payment provider has not confirmed the checkout yet. Reload this page in a minute; nothing is charged twice.
    </Alert>
  );
}
