import { describe, expect, it, jest } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { failure, ok, requestsTo, stubApi, type SentRequest } from '../../test/api';
import { expectFieldProblem, expectNoFieldProblem } from '../../test/fields';
import { ORGANIZATION_ID, shellContext } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { createdEndpoint, ENDPOINTS, SIGNING_SECRET } from '../../test/webhook-fixtures';
import type { PlanFeatureUnavailable } from '../../ui/plan-feature-unavailable';
import { CreateWebhookEndpointForm } from './create-webhook-endpoint-form';
import { WEBHOOK_EVENT_TYPES } from './webhook-events';
import type { EndpointWithSecret, WebhookEndpointInput } from './webhooks-queries';

const CREATE = `POST ${ENDPOINTS}`;

const created = ({ body }: SentRequest) => ok(createdEndpoint(body as WebhookEndpointInput), 201);

function renderForm() {
  const onCreated = jest.fn<(endpoint: EndpointWithSecret) => void>();
  const onPlanRefusal = jest.fn<(refusal: PlanFeatureUnavailable) => void>();
  const view = renderWithProviders(<CreateWebhookEndpointForm onCreated={onCreated} onPlanRefusal={onPlanRefusal} />, {
    shell: shellContext({ planTier: 'pro' }),
  });
  const form = screen.getByRole('form', { name: 'Add a webhook endpoint' });
  const url = within(form).getByRole('textbox', { name: /Endpoint URL/ });
  const description = within(form).getByRole('textbox', { name: 'Description' });
  const events = within(form).getByRole('group', { name: 'Events' });
  const allEvents = within(events).getByRole('checkbox', { name: 'All events' });
  const event = (name: string) => within(events).getByRole('checkbox', { name });
  const add = () => view.user.click(within(form).getByRole('button', { name: 'Add endpoint' }));
  return { ...view, onCreated, onPlanRefusal, url, description, events, allEvents, event, add };
}

describe('CreateWebhookEndpointForm', () => {
  it('offers every event of the contract in its group, none picked yet', () => {
    const { events, allEvents } = renderForm();

    const eventBoxes = within(events)
      .getAllByRole('checkbox')
      .filter((box) => box !== allEvents);
    expect(eventBoxes.map((box) => box.getAttribute('value'))).toEqual([...WEBHOOK_EVENT_TYPES]);
    expect(eventBoxes.every((box) => !(box as HTMLInputElement).checked)).toBe(true);
    expect(allEvents).not.toBeChecked();
    expect(
      within(within(events).getByRole('group', { name: 'Posts' }))
        .getAllByRole('checkbox')
        .map((box) => box.getAttribute('value')),
    ).toEqual(['post.created', 'post.published', 'post.deleted']);
    expect(screen.getByRole('checkbox', { name: 'quota.warning' })).toHaveAccessibleDescription('Usage crosses 80, 90 or 95 % of a limit');
  });

  it('"All events" picks every event and clears them again; it is mixed while only some are picked', async () => {
    const { allEvents, event, user } = renderForm();

    await user.click(event('site.created'));
    expect(allEvents).toBePartiallyChecked();

    await user.click(allEvents);
    expect(allEvents).toBeChecked();
    for (const name of WEBHOOK_EVENT_TYPES) expect(event(name)).toBeChecked();

    await user.click(event('quota.exceeded'));
    expect(allEvents).toBePartiallyChecked();
    await user.click(event('quota.exceeded'));
    expect(allEvents).toBeChecked();

    await user.click(allEvents);
    expect(allEvents).not.toBeChecked();
    expect(allEvents).not.toBePartiallyChecked();
    for (const name of WEBHOOK_EVENT_TYPES) expect(event(name)).not.toBeChecked();
  });

  it('asks for a URL and an event before sending anything', async () => {
    const { url, events, add, onCreated } = renderForm();

    await add();

    expectFieldProblem(url, 'Enter the URL Plinth should POST events to');
    expect(events).toHaveAccessibleDescription(expect.stringContaining('Pick at least one event, or all of them'));
    expect(requestsTo(CREATE)).toHaveLength(0);
    expect(onCreated).not.toHaveBeenCalled();
  });

  it.each([
    ['hooks.example.com/plinth', 'Enter a full URL, such as https://example.com/webhooks/plinth'],
    ['ftp://hooks.example.com/plinth', 'Use an http:// or https:// URL'],
    ['https://ci:hunter2@hooks.example.com/plinth', 'Leave the user name and password out: receivers check the signature instead'],
  ])('refuses %s as the API would', async (typed, problem) => {
    const { url, event, add, user } = renderForm();

    await user.type(url, typed);
    await user.click(event('site.created'));
    await add();

    expectFieldProblem(url, problem);
    expect(requestsTo(CREATE)).toHaveLength(0);
  });

  it('sends the URL, the picked events in the catalog’s order and no empty description, then hands the secret over once', async () => {
    stubApi({ [CREATE]: created });
    const { url, description, events, allEvents, event, add, user, onCreated } = renderForm();

    await user.type(url, '  https://hooks.example.com/plinth ');
    await user.type(description, '   ');
    await user.click(event('post.published'));
    await user.click(event('site.created'));
    expect(events).not.toHaveAccessibleDescription(expect.stringContaining('Pick at least one event'));
    await add();

    await waitFor(() => expect(onCreated).toHaveBeenCalledTimes(1));
    expect(onCreated.mock.calls[0][0]).toMatchObject({ url: 'https://hooks.example.com/plinth', secret: SIGNING_SECRET });
    const [request] = requestsTo(CREATE);
    expect(request.body).toEqual({ url: 'https://hooks.example.com/plinth', events: ['site.created', 'post.published'] });
    expect(request.headers.get('X-Organization-Id')).toBe(ORGANIZATION_ID);
    // Ready for the next endpoint.
    expect(url).toHaveValue('');
    expect(allEvents).not.toBeChecked();
    expect(allEvents).not.toBePartiallyChecked();
  });

  it('sends every event and the description when "All events" is picked', async () => {
    stubApi({ [CREATE]: created });
    const { url, description, allEvents, add, user, onCreated } = renderForm();

    await user.type(url, 'https://hooks.example.com/plinth');
    await user.type(description, ' Rebuild the static site ');
    await user.click(allEvents);
    await add();

    await waitFor(() => expect(onCreated).toHaveBeenCalledTimes(1));
    expect(requestsTo(CREATE)[0].body).toEqual({
      url: 'https://hooks.example.com/plinth',
      events: [...WEBHOOK_EVENT_TYPES],
      description: 'Rebuild the static site',
    });
  });

  it("puts the API's refusal of the address beside the URL, and keeps what was typed", async () => {
    stubApi({
      [CREATE]: failure(400, 'VALIDATION_FAILED', 'Invalid request: url', [
        { field: 'url', problems: ['url must not point at 10.0.0.7, a private address'] },
      ]),
    });
    const { url, event, add, user, onCreated } = renderForm();

    await user.type(url, 'http://10.0.0.7/hook');
    expectNoFieldProblem(url);
    await user.click(event('member.joined'));
    await add();

    expect(await screen.findByText('url must not point at 10.0.0.7, a private address')).toBeInTheDocument();
    expectFieldProblem(url, 'url must not point at 10.0.0.7, a private address');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(url).toHaveValue('http://10.0.0.7/hook');
    expect(onCreated).not.toHaveBeenCalled();
  });

  it('hands a 402 for the plan to the page, which answers with the upsell', async () => {
    const details = { feature: 'webhooks', requiredTier: 'pro', upgradeUrl: 'https://plinth.example/pricing' };
    stubApi({ [CREATE]: failure(402, 'PLAN_FEATURE_UNAVAILABLE', 'Your plan does not include the feature webhooks', details) });
    const { url, event, add, user, onPlanRefusal, onCreated } = renderForm();

    await user.type(url, 'https://hooks.example.com/plinth');
    await user.click(event('site.created'));
    await add();

    await waitFor(() => expect(onPlanRefusal).toHaveBeenCalledWith(details));
    expect(onCreated).not.toHaveBeenCalled();
    expect(screen.queryByText('That did not work')).not.toBeInTheDocument();
  });
});
