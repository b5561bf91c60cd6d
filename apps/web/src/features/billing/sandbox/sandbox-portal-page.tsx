import { Anchor, Button, Divider, Group, Loader, NumberInput, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Membership } from '../../../api/use-me';
import { showApiFailure } from '../../../ui/api-failure';
import { FormAlert } from '../../../ui/form-alert';
import { formatDateTime } from '../../../ui/format';
import { notifyFailure } from '../../../ui/notify';
import { QueryFailure } from '../../../ui/query-failure';
import { BillingNotices } from '../billing-notices';
import { billingPath, sameOriginPath } from '../billing-paths';
import { useCancelSubscription, useSubscription, type Subscription } from '../billing-queries';
import { SubscriptionOverview } from '../subscription-overview';
import { isLive } from '../subscription-status';
import { useSettling } from '../use-settling';
import { SandboxOrganization } from './sandbox-organization';
import { useAdvanceClock, useSandboxState, useSetCardOutcome, type CardOutcome, type SandboxState } from './sandbox-queries';

/** After a sandbox action, the subscription is read every second for this long: its events land a moment later. */
const SETTLE_MS = 10_000;
/** The contract's bounds for one move of the clock (SandboxClockDto). */
const MIN_DAYS = 1;
const MAX_DAYS = 400;
const DAY_MS = 86_400_000;

const CARD_OUTCOMES: Array<{ value: CardOutcome; label: string }> = [
  { value: 'succeeds', label: 'Card succeeds' },
  { value: 'fails', label: 'Card fails' },
];

/** /sandbox/portal?organization=&return=: the sandbox's stand-in for Stripe's customer portal, with a clock to move. */
export function SandboxPortalPage() {
  useDocumentTitle('Sandbox billing portal · Plinth');
  return <SandboxOrganization>{(membership) => <SandboxPortal membership={membership} />}</SandboxOrganization>;
}

function SandboxPortal({ membership }: { membership: Membership }) {
  const [params] = useSearchParams();
  const returnPath = sameOriginPath(params.get('return'));
  const { organizationId } = membership;
  const wait = useSettling(SETTLE_MS);
  const subscription = useSubscription(organizationId, { pollWhile: () => wait.settling });
  const state = useSandboxState(organizationId);
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Sandbox billing portal</Title>
        <Text c="dimmed" size="sm">
          Stands in for the payment provider&apos;s portal for <b>{membership.name}</b>. Move the billing clock and choose how charges end
          to see trials end, renewals fail and grace periods run out.
        </Text>
      </div>
      {subscription.isPending && <Loader size="sm" aria-label="Loading the subscription" />}
      {subscription.isError && <QueryFailure title="The subscription could not be loaded" query={subscription} />}
      {subscription.isSuccess && (
        <Stack>
          <SubscriptionOverview subscription={subscription.data} />
          <BillingNotices subscription={subscription.data} organizationName={membership.name} paymentAction={null} />
        </Stack>
      )}
      <Divider />
      {state.isPending && <Loader size="sm" aria-label="Loading the sandbox" />}
      {state.isError && <QueryFailure title="The sandbox could not be loaded" query={state} />}
      {state.isSuccess && (
        <>
          <ClockAndCard organizationId={organizationId} state={state.data} onChanged={wait.restart} />
          <AdvanceClockForm organizationId={organizationId} onAdvanced={wait.restart} />
        </>
      )}
      {subscription.isSuccess && <CancelAtPeriodEnd organizationId={organizationId} subscription={subscription.data} />}
      <Divider />
      <Group>
        {returnPath ? (
          <Button component={Link} to={returnPath}>
            Return to Plinth
          </Button>
        ) : (
          <Anchor component={Link} to={billingPath(membership.slug)}>
            Go to the billing page
          </Anchor>
        )}
      </Group>
    </Stack>
  );
}

interface ClockAndCardProps {
  organizationId: string;
  state: SandboxState;
  onChanged: () => void;
}

function ClockAndCard({ organizationId, state, onChanged }: ClockAndCardProps) {
  const setCard = useSetCardOutcome(organizationId);
  const daysAhead = Math.round((new Date(state.now).getTime() - Date.now()) / DAY_MS);
  const outcome = setCard.isPending ? setCard.variables : state.cardOutcome;
  return (
    <Stack gap="md">
      <div>
        <Text size="sm" c="dimmed">
          Billing clock
        </Text>
        <Text fw={600} data-testid="sandbox-clock">
          {formatDateTime(state.now)}
        </Text>
        <Text size="xs" c="dimmed" data-testid="sandbox-clock-offset">
          {daysAhead === 0 ? 'Today' : `${daysAhead} ${daysAhead === 1 ? 'day' : 'days'} ahead of today`}
        </Text>
      </div>
      <Stack gap={6}>
        <Text size="sm" c="dimmed">
          Card on file
        </Text>
        <SegmentedControl
          aria-label="Card on file"
          data={CARD_OUTCOMES}
          value={outcome}
          onChange={(value) =>
            setCard.mutate(value as CardOutcome, {
              onSuccess: onChanged,
              onError: (error) => notifyFailure('The card could not be changed', error),
            })
          }
          w="fit-content"
        />
        <Text size="xs" c="dimmed" data-testid="sandbox-card">
          {state.cardOutcome === 'succeeds'
            ? 'Later charges succeed; setting this pays any open invoice.'
            : 'Later charges fail: a renewal leaves the subscription past due.'}
        </Text>
      </Stack>
    </Stack>
  );
}

type ClockValues = { days: number | string };

function AdvanceClockForm({ organizationId, onAdvanced }: { organizationId: string; onAdvanced: () => void }) {
  const advance = useAdvanceClock(organizationId);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<ClockValues>({
    initialValues: { days: 1 },
    validate: { days: checkDays },
  });
  const submit = form.onSubmit(({ days }) => {
    setFailure(null);
    advance.mutate(Number(days), {
      onSuccess: onAdvanced,
      onError: (error) => setFailure(showApiFailure(form, error)),
    });
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Advance the billing clock">
      <Stack gap="sm">
        <Group align="flex-start">
          <NumberInput
            label="Days"
            description={`Whole days, ${MIN_DAYS} to ${MAX_DAYS}`}
            min={MIN_DAYS}
            max={MAX_DAYS}
            allowDecimal={false}
            allowNegative={false}
            w={180}
            {...form.getInputProps('days')}
          />
          <Button type="submit" loading={advance.isPending} mt={46}>
            Advance the clock
          </Button>
        </Group>
        <FormAlert message={failure} />
      </Stack>
    </form>
  );
}

function checkDays(value: number | string): string | null {
  const days = typeof value === 'number' ? value : Number(value);
  if (value === '' || !Number.isInteger(days) || days < MIN_DAYS || days > MAX_DAYS) {
    return `Enter a whole number of days from ${MIN_DAYS} to ${MAX_DAYS}`;
  }
  return null;
}

function CancelAtPeriodEnd({ organizationId, subscription }: { organizationId: string; subscription: Subscription }) {
  const cancel = useCancelSubscription(organizationId);
  if (!isLive(subscription) || subscription.cancelAtPeriodEnd) return null;
  return (
    <Group>
      <Button
        variant="light"
        color="red"
        loading={cancel.isPending}
        onClick={() =>
          cancel.mutate({ cancelAtPeriodEnd: true }, { onError: (error) => notifyFailure('The subscription could not be canceled', error) })
        }
      >
        Cancel at period end
      </Button>
    </Group>
  );
}
