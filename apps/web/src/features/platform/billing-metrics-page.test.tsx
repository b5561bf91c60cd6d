import { describe, expect, it } from '@jest/globals';
import { fireEvent, screen } from '@testing-library/react';
import type { Schemas } from '@plinth/api-client';
import { ok, requestsTo, stubApi, type SentRequest } from '../../test/api';
import { shellContext } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { BillingMetricsPage } from './billing-metrics-page';

const METRICS = 'GET /api/v1/admin/metrics/billing';

function metrics(query: URLSearchParams): Schemas['BillingMetricsDto'] {
  return {
    from: query.get('from') ?? '2026-02-01T00:00:00.000Z',
    to: query.get('to') ?? '2026-03-03T00:00:00.000Z',
    mrrCents: 1_234_500,
    subscriptionsByStatus: { active: 12, trialing: 3, past_due: 1 },
    trialConversion: { ended: 8, converted: 6, rate: 0.75 },
    churn: { payingAtStart: 40, canceled: 2, rate: 0.05 },
    payments: { succeeded: 97, failed: 3, successRate: 0.97 },
  };
}

describe('BillingMetricsPage', () => {
  it('shows MRR, statuses, trial conversion, churn and payment success for the last 30 days by default', async () => {
    stubApi({ [METRICS]: ({ query }: SentRequest) => ok(metrics(query)) });
    renderWithProviders(<BillingMetricsPage />, { shell: shellContext() });
    expect(await screen.findByTestId('metric-mrr')).toHaveTextContent('$12,345');
    expect(screen.getByTestId('metric-trial-conversion')).toHaveTextContent('75 %');
    expect(screen.getByText('6 of 8 trials that ended became paying')).toBeInTheDocument();
    expect(screen.getByTestId('metric-churn')).toHaveTextContent('5 %');
    expect(screen.getByTestId('metric-payment-success-rate')).toHaveTextContent('97 %');
    expect(screen.getByTestId('subscriptions-by-status')).toHaveTextContent('active12trialing3past due1');
    expect([...requestsTo(METRICS)[0].query.keys()]).toEqual([]);
  });

  it('asks for the days chosen, whole UTC days, and refuses a start after the end without asking', async () => {
    stubApi({ [METRICS]: ({ query }: SentRequest) => ok(metrics(query)) });
    renderWithProviders(<BillingMetricsPage />, { shell: shellContext() });
    await screen.findByTestId('metric-mrr');
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-01-01' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-01-31' } });
    await screen.findByText('Jan 1, 2026 – Jan 31, 2026');
    const last = requestsTo(METRICS).at(-1);
    expect([last?.query.get('from'), last?.query.get('to')]).toEqual(['2026-01-01T00:00:00.000Z', '2026-01-31T23:59:59.999Z']);

    const asked = requestsTo(METRICS).length;
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-02-15' } });
    expect(await screen.findByText('The start comes after the end')).toBeInTheDocument();
    expect(screen.queryByTestId('metric-mrr')).not.toBeInTheDocument();
    expect(requestsTo(METRICS)).toHaveLength(asked);
  });
});
