import { uniqueEmail } from '@plinth/testing';
import { createHmac } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { sql } from './support/database';
import { labelled } from './support/labelled';
import { openFromNav } from './support/organization-nav';
import { signUp } from './support/sign-up';
import { twoPeople } from './support/two-people';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from './support/webhook-receiver';

const PHONE = { width: 390, height: 844 };

/**
 * Outgoing webhooks through the console: the owner of a Pro organization
 * adds an endpoint pointing at a receiver started here, stores the secret
 * shown once, creates a site, and follows the signed delivery into the
 * endpoint's log; replays it; and the pages fit a phone. The owner of a
 * Free organization is offered the upgrade instead. The steps run in order.
 */
describe('webhooks', () => {
  const proOwner = { email: uniqueEmail('katherine'), name: 'Katherine Johnson', organization: `Trajectories ${Date.now().toString(36)}` };
  const freeOwner = { email: uniqueEmail('dorothy'), name: 'Dorothy Vaughan', organization: `Fortran Desk ${Date.now().toString(36)}` };
  const stage = twoPeople();
  let page: Page;
  let receiver: WebhookReceiver;
  let organizationPath: string;
  let secret: string;
  let endpointPath: string;

  beforeAll(async () => {
    [page] = stage.pages;
    receiver = await startWebhookReceiver();
    // "Copy" writes to the clipboard; the test reads back what a person would paste.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stage.product.baseUrl });
  });

  afterAll(() => receiver?.stop());

  it('adds an endpoint on a Pro organization and shows its signing secret once', async () => {
    await signUp(page, proOwner);
    organizationPath = new URL(page.url()).pathname;
    // On Pro without the checkout (billing.e2e-spec pays through it); the API reads the plan on every request.
    await sql(`UPDATE organizations SET plan_tier = 'pro' WHERE slug = $1`, [organizationPath.split('/').pop()]);
    // A fresh load: the console reads the plan with the person's memberships.
    await page.reload();
    await openFromNav(page, 'Webhooks', `${organizationPath}/webhooks`);

    const form = page.getByRole('form', { name: 'Add a webhook endpoint' });
    await labelled(page, 'Endpoint URL').fill(receiver.url);
    await labelled(page, 'Description').fill('Rebuild the static site');
    await form.getByRole('checkbox', { name: 'site.created', exact: true }).check();
    await form.getByRole('checkbox', { name: 'post.published', exact: true }).check();
    await form.getByRole('button', { name: 'Add endpoint' }).click();

    const revealed = page.getByTestId('revealed-webhook-secret');
    secret = ((await revealed.textContent()) ?? '').trim();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{20,}={0,2}$/);
    await page.getByRole('button', { name: 'Copy the secret' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

    const row = endpointRow(page, receiver.url);
    await row.waitFor();
    expect(await row.getByTestId('endpoint-status').innerText()).toBe('Enabled');
    expect(await row.getByTestId('endpoint-events').innerText()).toMatch(/site\.created\s*post\.published/);
    await row.getByText('None yet').waitFor();

    await page.getByRole('button', { name: 'I have stored it' }).click();
    await revealed.waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(secret);
  });

  it('signs the site.created event with that secret, and logs the delivery as succeeded', async () => {
    await openFromNav(page, 'Sites', `${organizationPath}/sites`);
    await labelled(page, 'Site name').fill('Launch notes');
    await page.getByRole('button', { name: 'Create site' }).click();

    const [webhook] = await receiver.waitForCount(1);
    expect(webhook.path).toBe('/hooks/plinth');
    expectSignedWith(webhook, secret);
    const payload = JSON.parse(webhook.body) as { id: string; type: string; organizationId: string; data: { name?: string } };
    expect(payload.type).toBe('site.created');
    expect(payload.id).toBe(webhook.headers['webhook-id']);
    expect(JSON.stringify(payload.data)).toContain('Launch notes');

    await openFromNav(page, 'Webhooks', `${organizationPath}/webhooks`);
    const row = endpointRow(page, receiver.url);
    await row.getByTestId('last-delivery').filter({ hasText: 'Succeeded' }).waitFor();
    await row.getByRole('link', { name: `Deliveries and settings of ${receiver.url}` }).click();
    await page.getByRole('heading', { level: 1, name: 'Webhook endpoint' }).waitFor();
    endpointPath = new URL(page.url()).pathname;
    expect(endpointPath).toMatch(new RegExp(`^${organizationPath}/webhooks/[0-9a-f-]{36}$`));

    const delivery = deliveryRow(page, 'site.created');
    await delivery.getByTestId('delivery-status').filter({ hasText: 'Succeeded' }).waitFor();
    expect(await delivery.getByTestId('delivery-attempt-count').innerText()).toBe('1 attempt');
    await delivery.getByRole('button', { name: 'Show attempts' }).click();
    const attempt = page.getByTestId('delivery-attempt');
    await attempt.first().waitFor();
    expect(await attempt.count()).toBe(1);
    expect(await attempt.getByTestId('attempt-status-code').innerText()).toBe('HTTP 200');
    expect(await attempt.getByTestId('attempt-duration').innerText()).toMatch(/^\d+(\.\d+)? m?s$/);
    expect(await attempt.innerText()).toContain('received');
  });

  it('replays the delivery: the receiver gets the same event again, and the log a second attempt', async () => {
    const delivery = deliveryRow(page, 'site.created');
    await delivery.getByRole('button', { name: /^Replay the site\.created delivery of / }).click();
    await page.getByText('Delivery replayed').waitFor();

    const [first, again] = await receiver.waitForCount(2);
    expect(again.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(again.body).toBe(first.body);
    expectSignedWith(again, secret);

    // The log reads itself again while the replay is pending.
    await delivery.getByTestId('delivery-attempt-count').filter({ hasText: '2 attempts' }).waitFor({ timeout: 20_000 });
    await delivery.getByTestId('delivery-status').filter({ hasText: 'Succeeded' }).waitFor();
  });

  it('fits a 390 px phone: the list and the log as cards, nothing scrolling sideways', async () => {
    await page.setViewportSize(PHONE);
    try {
      await page.goto(`${organizationPath}/webhooks`);
      const row = endpointRow(page, receiver.url);
      await row.getByTestId('last-delivery').waitFor();
      expect(await row.evaluate((element) => getComputedStyle(element).display)).toBe('block');
      expect(await overflowsSideways(page)).toBe(false);

      await page.goto(endpointPath);
      const delivery = deliveryRow(page, 'site.created');
      await delivery.getByRole('button', { name: 'Show attempts' }).click();
      await page.getByTestId('delivery-attempt').first().waitFor();
      expect(await overflowsSideways(page)).toBe(false);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('offers a Free organization the upgrade instead of the page', async () => {
    const [, freePage] = stage.pages;
    await signUp(freePage, freeOwner);
    const freePath = new URL(freePage.url()).pathname;
    await openFromNav(freePage, 'Webhooks', `${freePath}/webhooks`);

    const upsell = freePage.getByTestId('upgrade-alert');
    expect(await upsell.innerText()).toMatch(/Your plan does not include outgoing webhooks; the Pro plan and above do\./);
    expect(await upsell.getByRole('link', { name: 'Compare plans and upgrade' }).getAttribute('href')).toBe(`${freePath}/billing`);
    expect(await freePage.getByRole('form', { name: 'Add a webhook endpoint' }).count()).toBe(0);
  });
});

function endpointRow(page: Page, url: string): Locator {
  return page.getByRole('table', { name: 'Webhook endpoints' }).getByTestId('webhook-endpoint').filter({ hasText: url });
}

/** The newest delivery of this event type. */
function deliveryRow(page: Page, eventType: string): Locator {
  return page
    .getByRole('table', { name: 'Deliveries' })
    .getByTestId('webhook-delivery')
    .filter({ has: page.getByTestId('delivery-event').getByText(eventType, { exact: true }) })
    .first();
}

/** Standard Webhooks: v1,<base64 HMAC-SHA256 of "id.timestamp.body">, keyed with the secret's base64 after whsec_. */
function expectSignedWith(webhook: ReceivedWebhook, signingSecret: string): void {
  const id = String(webhook.headers['webhook-id']);
  const timestamp = String(webhook.headers['webhook-timestamp']);
  expect(Math.abs(Date.now() / 1000 - Number(timestamp))).toBeLessThan(600);
  const key = Buffer.from(signingSecret.slice('whsec_'.length), 'base64');
  const expected = `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${webhook.body}`).digest('base64')}`;
  expect(String(webhook.headers['webhook-signature']).split(' ')).toContain(expected);
}

/** The page body is wider than the window: the person would have to scroll sideways. */
function overflowsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}
