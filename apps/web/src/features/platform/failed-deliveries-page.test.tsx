import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { failure, ok, page, requestsTo, stubApi } from '../../test/api';
import { shellContext } from '../../test/fixtures';
import { failedDelivery } from '../../test/platform-fixtures';
import { renderWithProviders } from '../../test/render';
import { FailedDeliveriesPage } from './failed-deliveries-page';

const LIST = 'GET /api/v1/admin/webhook-deliveries/failed';
const GLOBEX = failedDelivery();
const INITECH = failedDelivery({
  id: '7d3f2a10-0000-4000-8000-000000000d02',
  organization: { id: '7d3f2a10-0000-4000-8000-000000000c02', name: 'Initech', slug: 'initech' },
  endpointUrl: 'https://initech.example/hooks',
  eventType: 'post.published',
  lastStatusCode: null,
  lastError: 'Timed out after 10 s',
});
const RETRY = `POST /api/v1/admin/webhook-deliveries/${GLOBEX.id}/retry`;

describe('FailedDeliveriesPage', () => {
  it('lists the failed deliveries of every organization, and retries one, which leaves the list', async () => {
    let failed = [GLOBEX, INITECH];
    stubApi({
      [LIST]: () => page(failed),
      [RETRY]: () => {
        failed = failed.filter((delivery) => delivery.id !== GLOBEX.id);
        return ok({
          id: GLOBEX.id,
          eventId: GLOBEX.eventId,
          eventType: 'site.created',
          status: 'pending',
          attempts: [],
          nextRetryAt: null,
          createdAt: GLOBEX.createdAt,
        });
      },
    });
    const { user } = renderWithProviders(<FailedDeliveriesPage />, { shell: shellContext() });
    const table = await screen.findByRole('table', { name: 'Failed webhook deliveries' });
    const [globex, initech] = within(table).getAllByTestId('failed-delivery');
    expect(globex).toHaveTextContent('Globex');
    expect(within(globex).getByTestId('delivery-last-answer')).toHaveTextContent('HTTP 503');
    expect(globex).toHaveTextContent('8 attempts');
    expect(within(initech).getByTestId('delivery-last-answer')).toHaveTextContent('Timed out after 10 s');

    await user.click(within(globex).getByRole('button', { name: 'Retry the site.created delivery of Globex' }));
    expect(await screen.findByText('Delivery retried')).toBeInTheDocument();
    expect(requestsTo(RETRY)).toHaveLength(1);
    await waitFor(() => expect(screen.getAllByTestId('failed-delivery')).toHaveLength(1));
    expect(screen.getByTestId('failed-delivery')).toHaveTextContent('Initech');
  });

  it('offers no retry for a disabled endpoint, and says why a retry was refused', async () => {
    const disabled = failedDelivery({ endpointEnabled: false });
    const other = failedDelivery({ id: '7d3f2a10-0000-4000-8000-000000000d03' });
    stubApi({
      [LIST]: page([disabled, other]),
      [`POST /api/v1/admin/webhook-deliveries/${other.id}/retry`]: failure(
        402,
        'PLAN_FEATURE_UNAVAILABLE',
        'Your plan does not include the feature webhooks',
      ),
    });
    const { user } = renderWithProviders(<FailedDeliveriesPage />, { shell: shellContext() });
    const [first, second] = await screen.findAllByTestId('failed-delivery');
    expect(first).toHaveTextContent('Endpoint disabled');
    expect(within(first).getByRole('button', { name: /^Retry/ })).toBeDisabled();
    await user.click(within(second).getByRole('button', { name: /^Retry/ }));
    expect(await screen.findByText('The delivery was not retried')).toBeInTheDocument();
    expect(screen.getByText('Your plan does not include the feature webhooks')).toBeInTheDocument();
  });

  it('says so when nothing failed', async () => {
    stubApi({ [LIST]: page([]) });
    renderWithProviders(<FailedDeliveriesPage />, { shell: shellContext() });
    expect(await screen.findByText('No failed deliveries.')).toBeInTheDocument();
  });
});
