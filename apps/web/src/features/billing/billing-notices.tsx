import { Alert, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatAmount, formatDate } from '../../ui/format';
import type { Subscription } from './billing-queries';
import { usePlanName } from './current-plan';
import { isInGrace, isLive } from './subscription-status';

interface Props {
  subscription: Subscription;
  organizationName: string;
  /** "Update payment method", for someone who may open the billing portal; null for everyone else. */
  paymentAction: ReactNode;
}

/** What needs attention about the subscription: a failed payment, a trial's end, a cancellation ahead. */
export function BillingNotices({ subscription, organizationName, paymentAction }: Props) {
  const planName = usePlanName(subscription.planTier);
  if (!isLive(subscription)) return null;
  if (isInGrace(subscription)) {
    return <GraceBanner subscription={subscription} organizationName={organizationName} planName={planName} action={paymentAction} />;
  }
  if (subscription.status === 'trialing' && subscription.trialEnd) {
    return (
      <Alert color="blue" variant="light" title="Free trial" data-testid="trial-banner">
        Your {planName} trial ends on {formatDate(subscription.trialEnd)}.{' '}
        {subscription.cancelAtPeriodEnd
          ? 'The subscription ends with it, and the Free plan applies.'
          : `Then the card on file is charged ${formatAmount(subscription.amountCents, subscription.currency)} ${subscription.billingCycle === 'annual' ? 'a year' : 'a month'}.`}
      </Alert>
    );
  }
  if (subscription.cancelAtPeriodEnd && subscription.currentPeriodEnd) {
    const endsOn = formatDate(subscription.currentPeriodEnd);
    return (
      <Alert color="gray" variant="light" title={`Cancels on ${endsOn}`} data-testid="cancel-notice">
        {planName} stays in force until {endsOn}; then {organizationName} moves to the Free plan.
      </Alert>
    );
  }
  return null;
}

interface GraceProps {
  subscription: Subscription;
  organizationName: string;
  planName: string;
  action: ReactNode;
}

function GraceBanner({ subscription, organizationName, planName, action }: GraceProps) {
  const until = subscription.graceEndsAt ? `until ${formatDate(subscription.graceEndsAt)}` : 'for a few days';
  return (
    <Alert color="red" variant="light" title="Payment failed" data-testid="grace-banner">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">
          The last payment for {planName} did not go through. Everything keeps working {until}, then {organizationName} moves to the Free
          plan. Update the payment method to keep {planName}.
        </Text>
        {action}
      </Stack>
    </Alert>
  );
}

/** Shown wherever billing is simulated, so nobody mistakes it for the real thing. */
export function SandboxLabel() {
  return (
    <Alert color="grape" variant="light" title="Sandbox billing — no real payments" data-testid="sandbox-label">
      No payment provider is configured: checkout and the billing portal are simulated by Plinth, and no card is ever charged.
    </Alert>
  );
}
