import { describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import { failure, ok, page, requestsTo, stubApi, type SentRequest } from '../../test/api';
import { plan, shellContext } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import {
  createdEndpoint,
  DELIVERIES,
  delivery,
  ENDPOINT_ID,
  ENDPOINTS,
  SIGNING_SECRET,
  webhookEndpoint,
} from '../../test/webhook-fixtures';
import { WebhooksPage } from './webhooks-page';
import type { WebhookEndpoint, WebhookEndpointInput } from './webhooks-queries';

const PLANS = 'GET /api/v1/billing/plans';
const LIST = `GET ${ENDPOINTS}`;
const CREATE = `POST ${ENDPOINTS}`;
const LATEST = `GET ${DELIVERIES}`;

const WITH_WEBHOOKS = { webhooks: true, auditExport: true, customDomains: true };
const CATALOG = [
  plan('free'),
  plan('starter', { features: { webhooks: false, auditExport: false, customDomains: true } }),
  plan('pro', { features: WITH_WEBHOOKS }),
  plan('enterprise', { features: WITH_WEBHOOKS }),
];

/** The API's endpoints: those given, and any the test creates; the list never carries a secret. */
function stubEndpoints(endpoints: WebhookEndpoint[] = []) {
  stubApi({
    [PLANS]: ok(CATALOG),
    [LIST]: () => page(endpoints),
    [LATEST]: page([]),
    [CREATE]: ({ body }: SentRequest) => {
      const created = createdEndpoint(body as WebhookEndpointInput);
      const { secret: _shownOnce, ...listed } = created;
      endpoints.unshift(listed);
      return ok(created, 201);
    },
  });
}

function renderPage(planTier: 'free' | 'pro' = 'pro', permissions?: Parameters<typeof shellContext>[0]) {
  return renderWithProviders(<WebhooksPage />, { shell: shellContext({ planTier, ...permissions }) });
}

describe('WebhooksPage', () => {
  it('lists each endpoint with its events, its state and its last delivery', async () => {
    stubEndpoints([
      webhookEndpoint({ description: 'Rebuild the static site' }),
      webhookEndpoint({
        id: '7d3f2a10-0000-4000-8000-0000000000f9',
        url: 'https://ops.example.com/events',
        events: ['member.invited', 'member.joined', 'member.removed', 'member.role_changed', 'site.created'],
        enabled: false,
        disabledReason: 'failing',
        disabledAt: '2026-11-30T09:00:00.000Z',
        failingSince: '2026-11-25T09:00:00.000Z',
      }),
    ]);
    stubApi({
      [LATEST]: page([delivery({ status: 'failed', eventType: 'post.published' })]),
      [`GET ${ENDPOINTS}/7d3f2a10-0000-4000-8000-0000000000f9/deliveries`]: page([]),
    });
    renderPage();

    const table = await screen.findByRole('table', { name: 'Webhook endpoints' });
    const [first, second] = within(table).getAllByTestId('webhook-endpoint');
    expect(within(first).getByRole('link', { name: 'https://hooks.example.com/plinth' })).toHaveAttribute(
      'href',
      `/o/acme/webhooks/${ENDPOINT_ID}`,
    );
    expect(first).toHaveTextContent('Rebuild the static site');
    expect(within(first).getByTestId('endpoint-events')).toHaveTextContent('site.createdpost.published');
    expect(within(first).getByTestId('endpoint-status')).toHaveTextContent('Enabled');
    expect(await within(first).findByTestId('last-delivery')).toHaveTextContent(/^Failed.*post\.published/);
    expect(requestsTo(LATEST)[0].query.get('limit')).toBe('1');

    expect(within(second).getByTestId('endpoint-events')).toHaveTextContent('and 2 more');
    expect(within(second).getByTestId('endpoint-status')).toHaveTextContent('Disabled after failures');
    expect(await within(second).findByText('None yet')).toBeInTheDocument();
  });

  it('shows a new endpoint’s secret once: copyable until “I have stored it”, then nowhere on the page', async () => {
    stubEndpoints();
    const { user } = renderPage();
    expect(await screen.findByText(/No endpoints yet/)).toBeInTheDocument();
    const form = screen.getByRole('form', { name: 'Add a webhook endpoint' });

    await user.type(within(form).getByRole('textbox', { name: /Endpoint URL/ }), 'https://hooks.example.com/plinth');
    await user.click(within(form).getByRole('checkbox', { name: 'All events' }));
    await user.click(within(form).getByRole('button', { name: 'Add endpoint' }));

    expect(await screen.findByTestId('revealed-webhook-secret')).toHaveTextContent(SIGNING_SECRET);
    const revealed = screen.getByRole('alert', { name: 'Copy the signing secret of https://hooks.example.com/plinth now' });
    expect(within(revealed).getByRole('link', { name: 'Open its delivery log' })).toHaveAttribute(
      'href',
      `/o/acme/webhooks/${ENDPOINT_ID}`,
    );
    // The list catches up, without the secret.
    const table = await screen.findByRole('table', { name: 'Webhook endpoints' });
    expect(within(table).getByText('All events')).toBeInTheDocument();
    expect(table).not.toHaveTextContent(SIGNING_SECRET);

    await user.click(within(revealed).getByRole('button', { name: 'Copy the secret' }));
    expect(await within(revealed).findByRole('button', { name: 'Copied' })).toBeInTheDocument();
    expect(await window.navigator.clipboard.readText()).toBe(SIGNING_SECRET);

    await user.click(within(revealed).getByRole('button', { name: 'I have stored it' }));
    expect(screen.queryByTestId('revealed-webhook-secret')).not.toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(SIGNING_SECRET);
  });

  it('shows the upsell instead of the page below the Pro plan, and asks nothing of the webhook API', async () => {
    stubApi({ [PLANS]: ok(CATALOG) });
    renderPage('free');

    const upsell = await screen.findByTestId('upgrade-alert');
    expect(upsell).toHaveTextContent(/Your plan does not include outgoing webhooks; the pro plan and above do\./i);
    expect(within(upsell).getByRole('link', { name: 'Compare plans and upgrade' })).toHaveAttribute('href', '/o/acme/billing');
    expect(screen.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Add a webhook endpoint' })).not.toBeInTheDocument();
    expect(requestsTo(LIST)).toHaveLength(0);
  });

  it('answers the API’s 402 with the same upsell when the catalog did not foresee it', async () => {
    const details = { feature: 'webhooks', requiredTier: 'pro', upgradeUrl: 'https://plinth.example/pricing' };
    stubApi({
      [PLANS]: failure(500, 'INTERNAL', 'Something went wrong'),
      [LIST]: failure(402, 'PLAN_FEATURE_UNAVAILABLE', 'Your plan does not include the feature webhooks', details),
    });
    renderPage('free', { permissions: ['webhooks:manage'] });

    const upsell = await screen.findByTestId('upgrade-alert');
    expect(upsell).toHaveTextContent(/Your plan does not include outgoing webhooks; the pro plan and above do\./i);
    // Without billing:manage, the way on is to ask an owner.
    expect(upsell).toHaveTextContent('Ask an owner to upgrade.');
    expect(screen.queryByRole('form', { name: 'Add a webhook endpoint' })).not.toBeInTheDocument();
  });
});
