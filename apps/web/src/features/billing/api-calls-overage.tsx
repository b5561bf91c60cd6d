import { Badge, Button, Group, Modal, SegmentedControl, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { describeFailure } from '../../ui/api-failure';
import { FormAlert } from '../../ui/form-alert';
import { formatAmount, formatDate, formatNumber } from '../../ui/format';
import { SectionCard } from '../../ui/section-card';
import { useShellContext } from '../shell/shell-context';
import { useCan } from '../shell/use-can';
import { useQuotaStatus, type QuotaStatus } from '../usage/quota-status-query';
import { useSetApiCallsMode, type ApiCallsMode, type Subscription } from './billing-queries';
import { isPaidPlan, usePlans } from './plans-query';

const TITLE = 'API calls past your allowance';

const MODES: Array<{ value: ApiCallsMode; label: string }> = [
  { value: 'hard_limit', label: 'Refuse (402)' },
  { value: 'pay_as_you_go', label: 'Pay as you go' },
];

const modeLabel = (mode: ApiCallsMode) => MODES.find((option) => option.value === mode)?.label ?? mode;

const listFormat = new Intl.ListFormat('en-US', { type: 'conjunction' });

type ApiCallsUsage = QuotaStatus['api_calls'];

/**
 * What happens to API-key calls past the plan's monthly allowance: refused
 * with 402, or served and billed per 1,000 (pay as you go). Shown where pay
 * as you go is offered or already on; owners switch it, everyone else reads it.
 * On Free, owners get a line saying where it is offered; otherwise nothing.
 */
export function ApiCallsOverage({ subscription }: { subscription: Subscription }) {
  const canManage = useCan('billing:manage');
  const { apiCalls } = subscription;
  if (apiCalls.payAsYouGoAvailable || apiCalls.mode === 'pay_as_you_go') {
    return <OverageSection subscription={subscription} canManage={canManage} />;
  }
  // No price configured (centsPer1000 null): pay as you go is offered on no plan, so there is nothing to point at.
  if (canManage && subscription.planTier === 'free' && apiCalls.centsPer1000 !== null) return <PaidPlansHint />;
  return null;
}

function OverageSection({ subscription, canManage }: { subscription: Subscription; canManage: boolean }) {
  const { membership } = useShellContext();
  const canReadQuotas = useCan('quotas:read');
  const quota = useQuotaStatus(membership.organizationId, { enabled: canReadQuotas });
  const usage = quota.data?.api_calls;
  const { mode } = subscription.apiCalls;
  return (
    <SectionCard title={TITLE} description="Requests made with API keys beyond the monthly allowance of your plan.">
      {usage && <MonthUsage usage={usage} />}
      {canManage ? (
        <ModeSwitch organizationId={membership.organizationId} subscription={subscription} allowance={usage?.limit ?? null} />
      ) : (
        <Group gap="xs">
          <Badge variant="light" tt="none" size="lg" data-testid="api-calls-mode-badge">
            {modeLabel(mode)}
          </Badge>
          <Text size="sm" c="dimmed">
            Only an owner can change this.
          </Text>
        </Group>
      )}
      <Text size="sm" data-testid="api-calls-mode">
        {modeStatement(subscription)}
      </Text>
      <Overage subscription={subscription} />
    </SectionCard>
  );
}

function MonthUsage({ usage }: { usage: ApiCallsUsage }) {
  const restarts = formatDate(usage.periodEnd);
  return (
    <Text size="sm" data-testid="api-calls-month">
      {usage.limit === null
        ? `${formatNumber(usage.current)} ${calls(usage.current)} this month; your plan sets no allowance.`
        : `${formatNumber(usage.current)} of the ${formatNumber(usage.limit)} ${calls(usage.limit)} allowed this month; the count restarts on ${restarts}.`}
    </Text>
  );
}

/** Calls already served past the allowance are billed whichever mode is on now. */
function Overage({ subscription }: { subscription: Subscription }) {
  const { mode, overageThisMonth, overageAmountCents } = subscription.apiCalls;
  if (mode !== 'pay_as_you_go' && overageThisMonth === 0) return null;
  return (
    <Text fw={600} data-testid="api-calls-overage">
      {formatNumber(overageThisMonth)} {calls(overageThisMonth)} past the allowance this month —{' '}
      {formatAmount(overageAmountCents, subscription.currency)} so far
    </Text>
  );
}

interface SwitchProps {
  organizationId: string;
  subscription: Subscription;
  /** The plan's monthly allowance from the quota status; null while unknown. */
  allowance: number | null;
}

/** The two modes side by side; choosing the other one asks first, saying what it costs. */
function ModeSwitch({ organizationId, subscription, allowance }: SwitchProps) {
  const setMode = useSetApiCallsMode(organizationId);
  const [opened, { open, close: hide }] = useDisclosure(false);
  // Kept while the dialog fades out, so its words do not flip to the other mode.
  const [asked, setAsked] = useState<ApiCallsMode>(subscription.apiCalls.mode);
  const [failure, setFailure] = useState<string | null>(null);

  const ask = (next: ApiCallsMode) => {
    setFailure(null);
    setAsked(next);
    open();
  };
  const close = () => {
    if (!setMode.isPending) hide();
  };
  const confirm = () => {
    setFailure(null);
    setMode.mutate(asked, { onSuccess: hide, onError: (error) => setFailure(describeFailure(error)) });
  };

  return (
    <>
      <SegmentedControl
        aria-label="API calls past the allowance"
        data={MODES}
        value={subscription.apiCalls.mode}
        onChange={(value) => ask(value as ApiCallsMode)}
        disabled={setMode.isPending}
        w="fit-content"
      />
      <Modal
        opened={opened}
        onClose={close}
        title={asked === 'pay_as_you_go' ? 'Pay as you go for API calls?' : 'Refuse API calls past the allowance?'}
        centered
      >
        <Stack>
          <Text size="sm" data-testid="api-calls-confirm">
            {asked === 'pay_as_you_go' ? payAsYouGoTerms(subscription, allowance) : hardLimitTerms(subscription, allowance)}
          </Text>
          <FormAlert message={failure} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={setMode.isPending}>
              Cancel
            </Button>
            <Button loading={setMode.isPending} onClick={confirm}>
              {asked === 'pay_as_you_go' ? 'Turn on pay as you go' : 'Refuse calls past the allowance'}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function modeStatement(subscription: Subscription): string {
  if (subscription.apiCalls.mode === 'hard_limit') {
    return 'Calls past the allowance are refused with 402 Payment Required until the count restarts.';
  }
  const price = pricePer1000(subscription);
  return price
    ? `Pay as you go: calls past the allowance are served, and billed at ${price} per 1,000 with your next invoice.`
    : 'Pay as you go: calls past the allowance are served, and billed per 1,000 with your next invoice.';
}

function payAsYouGoTerms(subscription: Subscription, allowance: number | null): string {
  const price = pricePer1000(subscription);
  const past = allowance === null ? 'past your allowance' : `past ${formatNumber(allowance)}`;
  const terms = price
    ? `${price} per 1,000 calls ${past}, billed with your next invoice.`
    : `Calls ${past} are billed per 1,000 with your next invoice, at the metered price of your plan.`;
  return `API-key calls past the monthly allowance are served instead of refused. ${terms}`;
}

function hardLimitTerms(subscription: Subscription, allowance: number | null): string {
  const { overageThisMonth } = subscription.apiCalls;
  const past = allowance === null ? 'past your allowance' : `past ${formatNumber(allowance)}`;
  const refused = `From now on, API-key calls ${past} in a month are refused with 402 Payment Required.`;
  return overageThisMonth > 0
    ? `${refused} The ${formatNumber(overageThisMonth)} ${calls(overageThisMonth)} already served past the allowance this month are still billed with your next invoice.`
    : refused;
}

function pricePer1000(subscription: Subscription): string | null {
  const { centsPer1000 } = subscription.apiCalls;
  return centsPer1000 === null ? null : formatAmount(centsPer1000, subscription.currency);
}

function PaidPlansHint() {
  const plans = usePlans();
  const names = plans.data?.filter(isPaidPlan).map((plan) => plan.name) ?? [];
  return (
    <SectionCard title={TITLE}>
      <Text size="sm" c="dimmed" data-testid="api-calls-hint">
        Calls past the allowance are refused with 402 Payment Required. Paying for them as you go is available on{' '}
        {names.length > 0 ? listFormat.format(names) : 'the paid plans'}.
      </Text>
    </SectionCard>
  );
}

function calls(count: number): string {
  return count === 1 ? 'call' : 'calls';
}
