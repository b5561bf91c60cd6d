import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { ok, page, requestsTo, stubApi } from '../../test/api';
import { shellContext } from '../../test/fixtures';
import { failedStripeEvent } from '../../test/platform-fixtures';
import { renderWithProviders } from '../../test/render';
import { FailedStripeEventsPage } from './failed-stripe-events-page';

const LIST = 'GET /api/v1/admin/stripe-events/failed';
const APPLIES = failedStripeEvent();
const STILL_FAILS = failedStripeEvent({
  id: 'evt_stillfailing',
  type: 'customer.subscription.updated',
  organization: { id: '7d3f2a10-0000-4000-8000-000000000c02', name: 'Initech', slug: 'initech' },
});

function retryAnswer(event: typeof APPLIES, processed: boolean) {
  return ok({
    id: event.id,
    type: event.type,
    organizationId: event.organization.id,
    processed,
    processedAt: processed ? '2026-03-03T10:00:00.000Z' : null,
    attempts: event.attempts + 1,
    lastError: processed ? null : 'price_unknown is no price of this deployment',
  });
}

describe('FailedStripeEventsPage', () => {
  it('lists the unapplied events with their organization and error; a retry that applies one takes it off the list', async () => {
    let failed = [APPLIES, STILL_FAILS];
    stubApi({
      [LIST]: () => page(failed),
      [`POST /api/v1/admin/stripe-events/${APPLIES.id}/retry`]: () => {
        failed = failed.filter((event) => event.id !== APPLIES.id);
        return retryAnswer(APPLIES, true);
      },
    });
    const { user } = renderWithProviders(<FailedStripeEventsPage />, { shell: shellContext() });
    const table = await screen.findByRole('table', { name: 'Failed Stripe events' });
    const [first, second] = within(table).getAllByTestId('failed-stripe-event');
    expect(first).toHaveTextContent('invoice.paid');
    expect(first).toHaveTextContent('Globex');
    expect(within(first).getByTestId('stripe-event-error')).toHaveTextContent('invoices_status_check');
    expect(second).toHaveTextContent('Initech');

    await user.click(within(first).getByRole('button', { name: 'Retry the invoice.paid event of Globex' }));
    expect(await screen.findByText('Event applied')).toBeInTheDocument();
    await waitFor(() => expect(screen.getAllByTestId('failed-stripe-event')).toHaveLength(1));
    expect(requestsTo(`POST /api/v1/admin/stripe-events/${APPLIES.id}/retry`)).toHaveLength(1);
  });

  it('says when the retry failed again, and why', async () => {
    stubApi({
      [LIST]: page([STILL_FAILS]),
      [`POST /api/v1/admin/stripe-events/${STILL_FAILS.id}/retry`]: retryAnswer(STILL_FAILS, false),
    });
    const { user } = renderWithProviders(<FailedStripeEventsPage />, { shell: shellContext() });
    await user.click(await screen.findByRole('button', { name: 'Retry the customer.subscription.updated event of Initech' }));
    expect(await screen.findByText('The event failed again')).toBeInTheDocument();
    expect(screen.getByText('price_unknown is no price of this deployment')).toBeInTheDocument();
  });
});
