import { Badge, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatAmount, formatDate } from '../../ui/format';
import type { Subscription } from './billing-queries';
import { usePlanName } from './current-plan';
import { hasSubscription, isInGrace, isLive, statusLook } from './subscription-status';

/** The plan in force, the subscription's status, what it costs and when the period turns. */
export function SubscriptionOverview({ subscription }: { subscription: Subscription }) {
  const planName = usePlanName(subscription.planTier);
  const look = statusLook(subscription.status);
  const period = periodFact(subscription);
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }}>
      <Fact label="Plan">
        <Group gap="xs">
          <Badge size="lg" variant="light" tt="none" data-testid="billing-plan">
            {planName}
          </Badge>
          {hasSubscription(subscription) && (
            <Badge size="lg" variant="outline" color={look.color} tt="none" data-testid="billing-status">
              {look.label}
            </Badge>
          )}
        </Group>
      </Fact>
      <Fact label="Price">
        <Text fw={600} data-testid="billing-price">
          {priceText(subscription)}
        </Text>
      </Fact>
      {period && (
        <Fact label={period.label}>
          <Text fw={600} data-testid="billing-period-end">
            {formatDate(period.at)}
          </Text>
        </Fact>
      )}
    </SimpleGrid>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      {children}
    </Stack>
  );
}

function priceText(subscription: Subscription): string {
  if (!isLive(subscription) || subscription.amountCents === 0) return 'No charge';
  const amount = formatAmount(subscription.amountCents, subscription.currency);
  const per = subscription.billingCycle === 'annual' ? 'per year' : 'per month';
  return subscription.status === 'trialing' ? `${amount} ${per} after the trial` : `${amount} ${per}`;
}

/** The next turn of a running subscription: the trial's end, the renewal, or the end it was canceled for. */
function periodFact(subscription: Subscription): { label: string; at: string } | null {
  if (!isLive(subscription)) return null;
  if (subscription.status === 'trialing' && subscription.trialEnd) return { label: 'Trial ends', at: subscription.trialEnd };
  if (!subscription.currentPeriodEnd) return null;
  // Past due, the period's end is no promise of a renewal: the grace banner says what happens.
  const label = subscription.cancelAtPeriodEnd ? 'Ends' : isInGrace(subscription) ? 'Period ends' : 'Renews';
  return { label, at: subscription.currentPeriodEnd };
}
