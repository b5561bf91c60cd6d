import { Inbox, uniqueEmail } from '@plinth/testing';
import type { Page } from 'playwright-core';
import { labelled } from './support/labelled';
import { navLinkNames } from './support/organization-nav';
import { signUp } from './support/sign-up';
import { twoPeople } from './support/two-people';

/**
 * The platform console (issue: platform admins): the operator, listed in
 * PLATFORM_ADMIN_EMAILS, verifies the address, finds the console in the
 * navbar, searches a customer's organization and gives it a custom limit
 * that the table then shows, after a reload too. The customer sees no link
 * to the console, and a deep link tells them they are not allowed.
 * The steps run in order.
 */
describe('the platform console', () => {
  const suffix = Date.now().toString(36);
  const operator = { email: uniqueEmail('grace'), name: 'Grace Hopper', organization: `Operations ${suffix}` };
  const customer = { email: uniqueEmail('ada'), name: 'Ada Lovelace', organization: `Analytical Engines ${suffix}` };
  const stage = twoPeople({ PLATFORM_ADMIN_EMAILS: operator.email });
  const inbox = new Inbox();
  let operatorPage: Page;
  let customerPage: Page;

  beforeAll(() => {
    [operatorPage, customerPage] = stage.pages;
  });

  /** The customer's organization's row, found by searching for its name. */
  async function searchCustomer(page: Page) {
    await labelled(page, 'Search').fill(customer.organization);
    const row = page.getByTestId('admin-organization').filter({ hasText: customer.organization });
    await row.waitFor();
    await page.getByTestId('admin-organization').filter({ hasText: operator.organization }).waitFor({ state: 'detached' });
    return row;
  }

  it('shows the console only to a listed operator whose address is verified', async () => {
    await signUp(customerPage, customer);
    await signUp(operatorPage, operator);
    // Listed, but not yet verified: no console.
    await navLinkNames(operatorPage);
    expect(await operatorPage.getByRole('link', { name: 'Platform console' }).count()).toBe(0);

    const mail = await inbox.waitFor(operator.email, /confirm your email/i);
    await operatorPage.goto(mail.text.match(/https?:\/\/\S+\/verify-email\?token=\S+/)?.[0] as string);
    await operatorPage.getByText('Email address verified').waitFor();
    await operatorPage.goto('/o');
    await operatorPage.getByRole('navigation', { name: 'Platform' }).getByRole('link', { name: 'Platform console' }).click();
    await operatorPage.waitForURL('**/platform');
    await operatorPage.getByRole('heading', { level: 1, name: 'Organizations' }).waitFor();
    const consoleNav = operatorPage.getByRole('navigation', { name: 'Platform' });
    expect(await consoleNav.getByRole('link').allInnerTexts()).toEqual([
      'Organizations',
      'Billing metrics',
      'Failed webhooks',
      'Failed Stripe events',
      'Job queues',
    ]);
  });

  it('tells a customer who opens the console that they are not allowed, with no link to it', async () => {
    await customerPage.goto('/o');
    expect(await navLinkNames(customerPage)).toContain('Members');
    expect(await customerPage.getByRole('link', { name: 'Platform console' }).count()).toBe(0);
    await customerPage.goto('/platform');
    await customerPage.getByRole('heading', { level: 1, name: 'Not allowed' }).waitFor();
    expect(await customerPage.getByRole('table').count()).toBe(0);
  });

  it('finds the customer’s organization with its plan and usage, and sets a custom limit the table shows', async () => {
    const row = await searchCustomer(operatorPage);
    expect(await row.getByTestId('organization-plan').innerText()).toMatch(/free/i);
    expect(await row.getByTestId('organization-usage').innerText()).toContain('1 user ·');
    expect(await row.innerText()).toContain('Plan limits');

    await row.getByRole('button', { name: `Set a custom limit for ${customer.organization}` }).click();
    const dialog = operatorPage.getByRole('dialog', { name: `Custom limit for “${customer.organization}”` });
    await dialog.getByLabel('Limit', { exact: true }).selectOption('sites');
    await dialog.getByRole('textbox', { name: 'Custom limit' }).fill('50');
    await dialog.getByRole('button', { name: 'Set limit' }).click();
    await operatorPage.getByText('Limit set').waitFor();
    await dialog.waitFor({ state: 'detached' });
    await row.getByTestId('organization-overrides').filter({ hasText: 'Sites: 50' }).waitFor();

    // Stored, not just shown: after a reload the search finds it with the limit.
    await operatorPage.reload();
    const reloaded = await searchCustomer(operatorPage);
    expect(await reloaded.getByTestId('organization-overrides').innerText()).toBe('Sites: 50');
  });

  it('opens the other pages of the console', async () => {
    const nav = operatorPage.getByRole('navigation', { name: 'Platform' });
    for (const [link, heading] of [
      ['Billing metrics', 'Billing metrics'],
      ['Failed webhooks', 'Failed webhooks'],
      ['Failed Stripe events', 'Failed Stripe events'],
      ['Job queues', 'Job queues'],
    ]) {
      await nav.getByRole('link', { name: link, exact: true }).click();
      await operatorPage.getByRole('heading', { level: 1, name: heading }).waitFor();
    }
    await operatorPage.getByRole('table', { name: 'Job queues' }).getByText('webhook.deliver', { exact: true }).waitFor();
    await nav.getByRole('link', { name: 'Billing metrics', exact: true }).click();
    await operatorPage.getByTestId('metric-mrr').waitFor();
  });
});
