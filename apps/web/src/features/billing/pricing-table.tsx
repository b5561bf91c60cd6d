import { Badge, Loader, Stack, Table, Text } from '@mantine/core';
import { QueryFailure } from '../../ui/query-failure';
import { PLAN_ROWS } from './plan-figures';
import { usePlans, type Plan, type PlanTier } from './plans-query';

/** The plan catalog from the API, plans side by side; the organization's own plan marked when known. */
export function PricingTable({ currentTier }: { currentTier?: PlanTier }) {
  const plans = usePlans();
  if (plans.isPending) return <Loader size="sm" aria-label="Loading the plans" />;
  if (plans.isError) return <QueryFailure title="The plans could not be loaded" query={plans} />;
  return (
    <Table.ScrollContainer minWidth={640}>
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
                <Table.Td key={plan.tier} bg={plan.tier === currentTier ? 'indigo.0' : undefined}>
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
    <Table.Th scope="col" bg={current ? 'indigo.0' : undefined} aria-current={current ? 'true' : undefined}>
      <Stack gap={4}>
        <Text fw={700}>{plan.name}</Text>
        {current && (
          <Badge size="sm" variant="filled" w="fit-content">
            Your plan
          </Badge>
        )}
      </Stack>
    </Table.Th>
  );
}
