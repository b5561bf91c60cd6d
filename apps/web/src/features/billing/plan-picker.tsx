import { Button, Card, List, Loader, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { describeFailure } from '../../ui/api-failure';
import { FormAlert } from '../../ui/form-alert';
import { formatPrice } from '../../ui/format';
import { QueryFailure } from '../../ui/query-failure';
import { useStartCheckout, type BillingCycle } from './billing-queries';
import { salesMailto } from './contact-sales';
import { PLAN_HIGHLIGHTS } from './plan-figures';
import { isCustomPlan, isPaidPlan, usePlans, type Plan } from './plans-query';

const CYCLES: Array<{ value: BillingCycle; label: string }> = [
  { value: 'monthly', label: 'Monthly' },
  { value: 'annual', label: 'Annual' },
];

interface Props {
  organizationId: string;
  slug: string;
  /** A checkout now starts with the plan's free trial (only an organization's first subscription has one). */
  trialAvailable: boolean;
}

/** The plans above Free as cards, monthly or annual: a paid plan opens checkout, a custom one is arranged with sales. */
export function PlanPicker({ organizationId, slug, trialAvailable }: Props) {
  const plans = usePlans();
  const [cycle, setCycle] = useState<BillingCycle>('monthly');
  const checkout = useStartCheckout(organizationId, slug);
  if (plans.isPending) return <Loader size="sm" aria-label="Loading the plans" />;
  if (plans.isError) return <QueryFailure title="The plans could not be loaded" query={plans} />;

  const upgrades = plans.data.filter((plan) => isCustomPlan(plan) || isPaidPlan(plan));
  // Between the answer and the browser leaving for checkout, the chosen card keeps its spinner.
  const choosing = checkout.isPending || checkout.isSuccess ? (checkout.variables?.planTier ?? null) : null;
  return (
    <Stack>
      <SegmentedControl
        aria-label="Billing cycle"
        data={CYCLES}
        value={cycle}
        onChange={(value) => setCycle(value as BillingCycle)}
        w="fit-content"
      />
      <FormAlert message={checkout.isError ? describeFailure(checkout.error) : null} />
      <SimpleGrid cols={{ base: 1, md: Math.max(upgrades.length, 1) }}>
        {upgrades.map((plan) => (
          <PlanCard
            key={plan.tier}
            plan={plan}
            cycle={cycle}
            trialAvailable={trialAvailable}
            choosing={choosing === plan.tier}
            disabled={choosing !== null}
            onChoose={() => checkout.mutate({ planTier: plan.tier, billingCycle: cycle })}
          />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

interface CardProps {
  plan: Plan;
  cycle: BillingCycle;
  trialAvailable: boolean;
  choosing: boolean;
  disabled: boolean;
  onChoose: () => void;
}

function PlanCard({ plan, cycle, trialAvailable, choosing, disabled, onChoose }: CardProps) {
  const headingId = useId();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={headingId}>
      <Stack gap="sm" h="100%" justify="space-between">
        <Stack gap="sm">
          <Title order={3} fz="h4" id={headingId}>
            {plan.name}
          </Title>
          <PlanPrice plan={plan} cycle={cycle} />
          <List size="sm" spacing={4}>
            {PLAN_HIGHLIGHTS.map((row) => (
              <List.Item key={row.label}>
                {row.label}: {row.value(plan)}
              </List.Item>
            ))}
          </List>
        </Stack>
        <PlanAction plan={plan} cycle={cycle} trialAvailable={trialAvailable} choosing={choosing} disabled={disabled} onChoose={onChoose} />
      </Stack>
    </Card>
  );
}

function PlanPrice({ plan, cycle }: { plan: Plan; cycle: BillingCycle }) {
  if (isCustomPlan(plan)) {
    return (
      <Text size="sm" c="dimmed">
        Custom limits and pricing, agreed with our team.
      </Text>
    );
  }
  const price = priceOf(plan, cycle);
  if (price === null) {
    return (
      <Text size="sm" c="dimmed">
        Not offered {cycle === 'annual' ? 'yearly' : 'monthly'}.
      </Text>
    );
  }
  const saving = cycle === 'annual' ? annualSaving(plan) : null;
  return (
    <div>
      <Text fz={28} fw={700} lh={1.2} data-testid={`plan-price-${plan.tier}`}>
        {formatPrice(price)}{' '}
        <Text span size="sm" c="dimmed" fw={400}>
          {cycle === 'annual' ? 'per year' : 'per month'}
        </Text>
      </Text>
      {saving !== null && saving > 0 && (
        <Text size="xs" c="teal" fw={600}>
          Save {saving}% against paying monthly
        </Text>
      )}
    </div>
  );
}

function PlanAction({ plan, cycle, trialAvailable, choosing, disabled, onChoose }: CardProps) {
  if (isCustomPlan(plan)) {
    return (
      <Button component="a" href={salesMailto(plan.name)} variant="default" fullWidth>
        Contact sales
      </Button>
    );
  }
  const price = priceOf(plan, cycle);
  const withTrial = trialAvailable && plan.trialDays !== null && plan.trialDays > 0;
  return (
    <Stack gap={4}>
      <Button onClick={onChoose} loading={choosing} disabled={price === null || (disabled && !choosing)} fullWidth>
        {withTrial ? `Start ${plan.trialDays}-day trial` : `Upgrade to ${plan.name}`}
      </Button>
      {withTrial && price !== null && (
        <Text size="xs" c="dimmed" ta="center">
          Free for {plan.trialDays} days, then {formatPrice(price)} {cycle === 'annual' ? 'a year' : 'a month'}.
        </Text>
      )}
    </Stack>
  );
}

function priceOf(plan: Plan, cycle: BillingCycle): number | null {
  return cycle === 'annual' ? plan.priceAnnualCents : plan.priceMonthlyCents;
}

/** Whole percent saved by paying yearly rather than twelve months. */
function annualSaving(plan: Plan): number | null {
  if (plan.priceMonthlyCents === null || plan.priceAnnualCents === null || plan.priceMonthlyCents === 0) return null;
  return Math.round((1 - plan.priceAnnualCents / (12 * plan.priceMonthlyCents)) * 100);
}
