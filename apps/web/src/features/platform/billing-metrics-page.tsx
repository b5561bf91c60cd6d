import { Container, Group, Loader, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { formatAmount, formatDate, formatNumber } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { QueryFailure } from '../../ui/query-failure';
import { SectionCard } from '../../ui/section-card';
import { formatRate, toMetricsRange } from './metrics-range';
import { useBillingMetrics, type BillingMetrics, type MetricsRange } from './platform-queries';

/** MRR, subscriptions by status, trial conversion, churn and payment success, over a range of days. */
export function BillingMetricsPage() {
  useDocumentTitle('Billing metrics · Platform · Plinth');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const range = toMetricsRange(from, to);
  const problem = 'problem' in range ? range.problem : null;
  return (
    <Container size="xl">
      <Stack gap="lg">
        <PageHeader title="Billing metrics" description="From Plinth's own tables. Without dates: the last 30 days." />
        <Group align="flex-start">
          <TextInput type="date" label="From" value={from} onChange={(event) => setFrom(event.currentTarget.value)} error={problem} />
          <TextInput type="date" label="To" value={to} onChange={(event) => setTo(event.currentTarget.value)} />
        </Group>
        {problem === null && <Metrics range={range as MetricsRange} />}
      </Stack>
    </Container>
  );
}

function Metrics({ range }: { range: MetricsRange }) {
  const metrics = useBillingMetrics(range);
  if (metrics.isPending) return <Loader size="sm" aria-label="Loading the billing metrics" />;
  if (metrics.isError) return <QueryFailure title="The billing metrics could not be loaded" query={metrics} />;
  return <MetricCards metrics={metrics.data} />;
}

function MetricCards({ metrics }: { metrics: BillingMetrics }) {
  const { trialConversion, churn, payments } = metrics;
  const statuses = Object.entries(metrics.subscriptionsByStatus);
  return (
    <Stack gap="lg">
      <Text size="sm" c="dimmed" data-testid="metrics-period">
        {formatDate(metrics.from)} – {formatDate(metrics.to)}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        <Figure
          title="MRR"
          value={formatAmount(metrics.mrrCents, 'usd')}
          note="Monthly recurring revenue now; annual plans count a twelfth"
        />
        <Figure
          title="Trial conversion"
          value={formatRate(trialConversion.rate)}
          note={`${formatNumber(trialConversion.converted)} of ${formatNumber(trialConversion.ended)} trials that ended became paying`}
        />
        <Figure
          title="Churn"
          value={formatRate(churn.rate)}
          note={`${formatNumber(churn.canceled)} of ${formatNumber(churn.payingAtStart)} paying subscriptions canceled`}
        />
        <Figure
          title="Payment success rate"
          value={formatRate(payments.successRate)}
          note={`${formatNumber(payments.succeeded)} succeeded, ${formatNumber(payments.failed)} failed`}
        />
        <SectionCard title="Subscriptions by status">
          {statuses.length === 0 ? (
            <Text size="sm" c="dimmed">
              No subscriptions.
            </Text>
          ) : (
            <Stack gap={4} component="dl" m={0} data-testid="subscriptions-by-status">
              {statuses.map(([status, count]) => (
                <Group key={status} justify="space-between">
                  <Text component="dt" size="sm">
                    {status.replace('_', ' ')}
                  </Text>
                  <Text component="dd" size="sm" fw={600} m={0}>
                    {formatNumber(count)}
                  </Text>
                </Group>
              ))}
            </Stack>
          )}
        </SectionCard>
      </SimpleGrid>
    </Stack>
  );
}

function Figure({ title, value, note }: { title: string; value: string; note: string }) {
  return (
    <SectionCard title={title}>
      <Text fz={28} fw={700} data-testid={`metric-${title.toLowerCase().replace(/ /g, '-')}`}>
        {value}
      </Text>
      <Text size="sm" c="dimmed">
        {note}
      </Text>
    </SectionCard>
  );
}
