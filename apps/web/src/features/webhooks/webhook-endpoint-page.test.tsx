import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { failure, ok, page, requestsTo, stubApi, type SentRequest } from '../../test/api';
import { plan, shellContext } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { formatDateTime } from '../../ui/format';
import {
  attempt,
  DELIVERIES,
  delivery,
  DELIVERY_ID,
  ENDPOINT,
  ENDPOINT_ID,
  SIGNING_SECRET,
  webhookEndpoint,
} from '../../test/webhook-fixtures';
import { WebhookEndpointPage } from './webhook-endpoint-page';
import type { WebhookDelivery, WebhookEndpoint, WebhookEndpointChanges } from './webhooks-queries';

const PLANS = 'GET /api/v1/billing/plans';
const GET_ENDPOINT = `GET ${ENDPOINT}`;
const PATCH_ENDPOINT = `PATCH ${ENDPOINT}`;
const LOG = `GET ${DELIVERIES}`;
const REPLAY = `POST ${DELIVERIES}/${DELIVERY_ID}/replay`;
const TEST = `POST ${ENDPOINT}/test`;
const ROTATE = `POST ${ENDPOINT}/rotate-secret`;

const PRO = plan('pro', { features: { webhooks: true, auditExport: true, customDomains: true } });
const seconds = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'medium' });

const FAILED_TWICE = delivery({
  status: 'pending',
  eventType: 'post.published',
  attempts: [
    attempt({
      at: '2026-12-01T10:00:01.000Z',
      statusCode: 500,
      durationMs: 1450,
      responseExcerpt: 'upstream exploded',
      nextRetryAt: '2026-12-01T10:00:31.000Z',
    }),
    attempt({
      at: '2026-12-01T10:00:31.000Z',
      statusCode: null,
      durationMs: 10000,
      error: 'No answer within 10 s',
      nextRetryAt: '2026-12-01T10:02:31.000Z',
    }),
  ],
  nextRetryAt: '2026-12-01T10:02:31.000Z',
});
const SUCCEEDED = delivery({
  id: '7d3f2a10-0000-4000-8000-0000000000f4',
  eventType: 'site.created',
  attempts: [attempt({ statusCode: 204, durationMs: 35 })],
});
const GAVE_UP = delivery({
  id: '7d3f2a10-0000-4000-8000-0000000000f5',
  eventType: 'site.deleted',
  status: 'failed',
  attempts: [attempt({ statusCode: 410, error: null })],
});

/** The endpoint and its log as the API holds them; a PATCH changes the endpoint. */
function stubEndpoint(endpoint: WebhookEndpoint, deliveries: WebhookDelivery[]) {
  let current = endpoint;
  stubApi({
    [PLANS]: ok([plan('free'), PRO]),
    [GET_ENDPOINT]: () => ok(current),
    [LOG]: () => page(deliveries),
    [PATCH_ENDPOINT]: ({ body }: SentRequest) => {
      const { enabled, ...rest } = body as WebhookEndpointChanges;
      current = { ...current, ...rest, updatedAt: new Date().toISOString() };
      if (enabled !== undefined) {
        current = { ...current, enabled, disabledReason: enabled ? null : 'manual', disabledAt: enabled ? null : new Date().toISOString() };
      }
      return ok(current);
    },
  });
}

function renderPage() {
  return renderWithProviders(<p>Elsewhere</p>, {
    url: `/o/acme/webhooks/${ENDPOINT_ID}`,
    shell: shellContext({ planTier: 'pro' }),
    pages: { '/o/acme/webhooks/:endpointId': <WebhookEndpointPage />, '/o/acme/webhooks': <p>All endpoints</p> },
  });
}

function deliveryRows() {
  return within(screen.getByRole('table', { name: 'Deliveries' })).getAllByTestId('webhook-delivery');
}

describe('WebhookEndpointPage: the delivery log', () => {
  it('shows each delivery’s event, status, attempts and next retry', async () => {
    stubEndpoint(webhookEndpoint(), [FAILED_TWICE, SUCCEEDED, GAVE_UP]);
    renderPage();

    await screen.findByRole('table', { name: 'Deliveries' });
    const [pending, succeeded, failed] = deliveryRows();
    expect(within(pending).getByTestId('delivery-event')).toHaveTextContent('post.published');
    expect(within(pending).getByTestId('delivery-status')).toHaveTextContent('Pending');
    expect(pending).toHaveTextContent('No answer');
    expect(within(pending).getByTestId('delivery-attempt-count')).toHaveTextContent('2 attempts');
    expect(within(pending).getByTestId('delivery-next-retry')).toHaveTextContent(formatDateTime('2026-12-01T10:02:31.000Z'));
    expect(within(succeeded).getByTestId('delivery-next-retry')).toHaveTextContent('—');
    expect(within(succeeded).getByTestId('delivery-status')).toHaveTextContent('Succeeded');
    expect(succeeded).toHaveTextContent('HTTP 204');
    expect(within(succeeded).getByTestId('delivery-attempt-count')).toHaveTextContent('1 attempt');
    expect(within(failed).getByTestId('delivery-status')).toHaveTextContent('Failed');
    expect(failed).toHaveTextContent('HTTP 410');
    expect(requestsTo(LOG)[0].query.get('status')).toBeNull();
  });

  it('unfolds a delivery’s attempts: when, the status code, how long, the error and the next retry', async () => {
    stubEndpoint(webhookEndpoint(), [FAILED_TWICE]);
    const { user } = renderPage();
    await screen.findByRole('table', { name: 'Deliveries' });
    const [row] = deliveryRows();
    const toggle = within(row).getByRole('button', { name: 'Show attempts' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');

    await user.click(toggle);

    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(toggle).toHaveTextContent('Hide attempts');
    const attempts = screen.getByRole('list', { name: 'Attempts' });
    expect(toggle).toHaveAttribute('aria-controls', screen.getByTestId('delivery-attempts').id);
    const [first, second] = within(attempts).getAllByRole('listitem');
    expect(first).toHaveTextContent('Attempt 1');
    expect(within(first).getByTestId('attempt-time')).toHaveTextContent(seconds.format(new Date('2026-12-01T10:00:01.000Z')));
    expect(within(first).getByTestId('attempt-status-code')).toHaveTextContent('HTTP 500');
    expect(within(first).getByTestId('attempt-duration')).toHaveTextContent('1.45 s');
    expect(first).toHaveTextContent('upstream exploded');
    expect(second).toHaveTextContent('Attempt 2');
    expect(within(second).getByTestId('attempt-status-code')).toHaveTextContent('No answer');
    expect(within(second).getByTestId('attempt-duration')).toHaveTextContent('10 s');
    expect(within(second).getByTestId('attempt-error')).toHaveTextContent('No answer within 10 s');
    expect(second).toHaveTextContent(`Next attempt planned for ${seconds.format(new Date('2026-12-01T10:02:31.000Z'))}`);

    await user.click(toggle);
    expect(screen.queryByRole('list', { name: 'Attempts' })).not.toBeInTheDocument();
  });

  it('replays a delivery and reads the log again', async () => {
    const log = [GAVE_UP];
    stubEndpoint(webhookEndpoint(), log);
    stubApi({
      [`POST ${DELIVERIES}/${GAVE_UP.id}/replay`]: () => {
        log[0] = { ...GAVE_UP, status: 'pending', nextRetryAt: new Date().toISOString() };
        return ok(log[0], 202);
      },
    });
    const { user } = renderPage();
    await screen.findByRole('table', { name: 'Deliveries' });
    const readsBefore = requestsTo(LOG).length;

    await user.click(within(deliveryRows()[0]).getByRole('button', { name: /^Replay the site\.deleted delivery of / }));

    expect(await screen.findByText('Delivery replayed')).toBeInTheDocument();
    expect(requestsTo(`POST ${DELIVERIES}/${GAVE_UP.id}/replay`)).toHaveLength(1);
    await waitFor(() => expect(within(deliveryRows()[0]).getByTestId('delivery-status')).toHaveTextContent('Pending'));
    expect(requestsTo(LOG).length).toBeGreaterThan(readsBefore);
  });

  it('says why a replay was refused', async () => {
    stubEndpoint(webhookEndpoint(), [SUCCEEDED, FAILED_TWICE]);
    stubApi({ [REPLAY]: failure(409, 'CONFLICT', 'The endpoint is disabled: enable it (PATCH enabled: true) before replaying') });
    const { user } = renderPage();
    await screen.findByRole('table', { name: 'Deliveries' });

    await user.click(within(deliveryRows()[1]).getByRole('button', { name: /^Replay the post\.published delivery/ }));

    expect(await screen.findByText('The delivery was not replayed')).toBeInTheDocument();
    expect(screen.getByText(/The endpoint is disabled: enable it/)).toBeInTheDocument();
  });

  it('offers no replay or test event while the endpoint is disabled, and says so', async () => {
    stubEndpoint(webhookEndpoint({ enabled: false, disabledReason: 'manual', disabledAt: '2026-12-01T11:00:00.000Z' }), [SUCCEEDED]);
    renderPage();
    await screen.findByRole('table', { name: 'Deliveries' });

    expect(within(deliveryRows()[0]).getByRole('button', { name: /^Replay/ })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Send test event' })).toBeDisabled();
    expect(screen.getByText('The endpoint is disabled: enable it to send a test event or replay deliveries.')).toBeInTheDocument();
    expect(screen.getByTestId('endpoint-status')).toHaveTextContent('Disabled');
  });

  it('asks the API for one status when the log is filtered', async () => {
    stubEndpoint(webhookEndpoint(), [SUCCEEDED]);
    const { user } = renderPage();
    await screen.findByRole('table', { name: 'Deliveries' });
    stubApi({ [LOG]: page([]) });

    await user.click(screen.getByRole('radio', { name: 'Failed' }));

    expect(await screen.findByText('No failed deliveries.')).toBeInTheDocument();
    expect(requestsTo(LOG).at(-1)?.query.get('status')).toBe('failed');
  });
});

describe('WebhookEndpointPage: the endpoint’s actions', () => {
  it('sends a test event and reads the log again', async () => {
    stubEndpoint(webhookEndpoint(), []);
    stubApi({ [TEST]: ok({ deliveryId: DELIVERY_ID }, 202) });
    const { user } = renderPage();
    expect(await screen.findByText(/No deliveries yet/)).toBeInTheDocument();
    const readsBefore = requestsTo(LOG).length;

    await user.click(screen.getByRole('button', { name: 'Send test event' }));

    expect(await screen.findByText('Test event sent')).toBeInTheDocument();
    expect(requestsTo(TEST)).toHaveLength(1);
    await waitFor(() => expect(requestsTo(LOG).length).toBeGreaterThan(readsBefore));
  });

  it('rotates the secret after saying both stay valid for 24 hours, and shows the new one once', async () => {
    const overlapEnds = '2026-12-03T10:00:00.000Z';
    stubEndpoint(webhookEndpoint(), []);
    stubApi({ [ROTATE]: ok({ ...webhookEndpoint({ previousSecretExpiresAt: overlapEnds }), secret: SIGNING_SECRET }) });
    const { user } = renderPage();
    await screen.findByRole('heading', { level: 1, name: 'Webhook endpoint' });

    await user.click(screen.getByRole('button', { name: 'Rotate secret' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rotate the signing secret?' });
    expect(dialog).toHaveTextContent('For 24 hours both secrets are valid');
    expect(requestsTo(ROTATE)).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Rotate secret' }));

    expect(await screen.findByTestId('revealed-webhook-secret')).toHaveTextContent(SIGNING_SECRET);
    const revealed = screen.getByRole('alert', { name: 'Copy the new signing secret now' });
    expect(revealed).toHaveTextContent('The previous secret stays valid until');
    expect(requestsTo(ROTATE)).toHaveLength(1);

    await user.click(within(revealed).getByRole('button', { name: 'I have stored it' }));
    expect(document.body).not.toHaveTextContent(SIGNING_SECRET);
  });

  it('disables the endpoint and enables it again', async () => {
    stubEndpoint(webhookEndpoint(), []);
    const { user } = renderPage();
    await screen.findByRole('heading', { level: 1, name: 'Webhook endpoint' });

    await user.click(screen.getByRole('button', { name: 'Disable' }));
    expect(await screen.findByText('Endpoint disabled')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('endpoint-status')).toHaveTextContent('Disabled'));
    await user.click(screen.getByRole('button', { name: 'Enable' }));
    await waitFor(() => expect(screen.getByTestId('endpoint-status')).toHaveTextContent('Enabled'));

    expect(requestsTo(PATCH_ENDPOINT).map((request) => request.body)).toEqual([{ enabled: false }, { enabled: true }]);
  });

  it('saves changed settings, sending only what changed', async () => {
    stubEndpoint(webhookEndpoint({ description: 'Rebuild the static site' }), []);
    const { user } = renderPage();
    const form = await screen.findByRole('form', { name: 'Change the webhook endpoint' });
    const save = within(form).getByRole('button', { name: 'Save changes' });
    expect(save).toBeDisabled();
    expect(within(form).getByRole('checkbox', { name: 'site.created' })).toBeChecked();

    await user.clear(within(form).getByRole('textbox', { name: 'Description' }));
    await user.click(within(form).getByRole('checkbox', { name: 'site.created' }));
    await user.click(within(form).getByRole('checkbox', { name: 'post.deleted' }));
    await user.click(save);

    expect(await screen.findByText('Endpoint saved')).toBeInTheDocument();
    expect(requestsTo(PATCH_ENDPOINT).map((request) => request.body)).toEqual([
      { description: null, events: ['post.published', 'post.deleted'] },
    ]);
    await waitFor(() =>
      expect(within(screen.getByTestId('endpoint-summary')).getByTestId('endpoint-events')).toHaveTextContent('post.publishedpost.deleted'),
    );
    expect(
      within(screen.getByRole('form', { name: 'Change the webhook endpoint' })).getByRole('button', { name: 'Save changes' }),
    ).toBeDisabled();
  });

  it('deletes the endpoint after asking, and goes back to the list', async () => {
    stubEndpoint(webhookEndpoint(), []);
    stubApi({ [`DELETE ${ENDPOINT}`]: { status: 204, body: null } });
    const { user } = renderPage();
    await screen.findByRole('heading', { level: 1, name: 'Webhook endpoint' });

    await user.click(screen.getByRole('button', { name: 'Delete the endpoint' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete this endpoint?' });
    expect(dialog).toHaveTextContent('Nothing more is sent to https://hooks.example.com/plinth');
    await user.click(within(dialog).getByRole('button', { name: 'Delete endpoint' }));

    expect(await screen.findByText('All endpoints')).toBeInTheDocument();
    expect(requestsTo(`DELETE ${ENDPOINT}`)).toHaveLength(1);
  });

  it('says so when the endpoint does not exist here', async () => {
    stubApi({ [PLANS]: ok([PRO]), [GET_ENDPOINT]: failure(404, 'NOT_FOUND', 'Webhook endpoint not found') });
    renderPage();

    expect(await screen.findByRole('heading', { level: 1, name: 'Webhook endpoint not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to the webhooks' })).toHaveAttribute('href', '/o/acme/webhooks');
  });
});
