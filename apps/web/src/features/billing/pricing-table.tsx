import { Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { ListSkeleton } from '../../ui/list-skeleton';
import { QueryFailure } from '../../ui/query-failure';
import { useIsPhone } from '../../ui/use-is-phone';
import { PLAN_ROWS } from './plan-figures';
import { usePlans, type Plan, type PlanTier } from './plans-query';

/** The organization's own plan stands out, in either colour scheme. */
const CURRENT_BACKGROUND = 'var(--mantine-primary-color-light)';

/**
 * The plan catalog from the API, the organization's own plan marked when known:
 * plans side by side in a table, or on a phone one card per plan, so no plan
 * hides behind a sideways scroll.
 */
export function PricingTable({ currentTier }: { currentTier?: PlanTier }) {
  const plans = usePlans();
  const phone = useIsPhone();
  if (plans.isPending) return <ListSkeleton label="Loading the plans" rows={4} />;
  if (plans.isError) return <QueryFailure title="The plans could not be loaded" query={plans} />;
  if (phone) return <PlanCards plans={plans.data} currentTier={currentTier} />;
  return (
    <Table.ScrollContainer minWidth={640} type="native">
      <Table verticalSpacing="sm" withColumnBorders aria-label="Plans">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>
              <Text size="sm" c="dimmed">
                Plan
              </Text>
            </Table.Th>
            {plans.data.map((plan) => (
              <PlanHeading key={plan.tier} plan={plan} current={plan.tier === currentTier} />
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {PLAN_ROWS.map((row) => (
            <Table.Tr key={row.label}>
              <Table.Th scope="row" fw={500}>
                {row.label}
              </Table.Th>
              {plans.data.map((plan) => (
                <Table.Td key={plan.tier} style={plan.tier === currentTier ? { background: CURRENT_BACKGROUND } : undefined}>
                  {row.value(plan)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function PlanHeading({ plan, current }: { plan: Plan; current: boolean }) {
  return (
    <Table.Th scope="col" style={current ? { background: CURRENT_BACKGROUND } : undefined} aria-current={current ? 'true' : undefined}>
      <Stack gap={4}>
        <Text fw={700}>{plan.name}</Text>
        {current && <CurrentBadge />}
      </Stack>
    </Table.Th>
  );
}

/** On a phone: every plan in full, one under the other. */
function PlanCards({ plans, currentTier }: { plans: Plan[]; currentTier?: PlanTier }) {
  return (
    <SimpleGrid cols={1} spacing="md" role="list" aria-label="Plans">
      {plans.map((plan) => {
        const current = plan.tier === currentTier;
        return (
          <Card
            key={plan.tier}
            withBorder
            padding="md"
            role="listitem"
            aria-current={current ? 'true' : undefined}
            style={current ? { borderColor: 'var(--mantine-primary-color-filled)' } : undefined}
            data-testid="plan-card"
          >
            <Group justify="space-between" mb="xs" wrap="nowrap">
              <Title order={3} fz="h4">
                {plan.name}
              </Title>
              {current && <CurrentBadge />}
            </Group>
            <Stack gap={6} component="dl" m={0}>
              {PLAN_ROWS.map((row) => (
                <Group key={row.label} justify="space-between" gap="sm" wrap="nowrap" align="baseline">
                  <Text component="dt" size="sm" c="dimmed">
                    {row.label}
                  </Text>
                  <Text component="dd" size="sm" fw={500} m={0} ta="right">
                    {row.value(plan)}
                  </Text>
                </Group>
              ))}
            </Stack>
          </Card>
        );
      })}
    </SimpleGrid>
  );
}

function CurrentBadge() {
  return (
    <Badge size="sm" variant="filled" w="fit-content">
      Your plan
    </Badge>
  );
}
