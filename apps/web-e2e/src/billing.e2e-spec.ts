import { type ApiClient, createApiClient, type Schemas, unwrap } from '@plinth/api-client';
import { uniqueEmail, VALID_PASSWORD } from '@plinth/testing';
import type { Locator, Page } from 'playwright-core';
import { signedInApi } from './support/api';
import { labelled } from './support/labelled';
import { navLinkNames, openFromNav } from './support/organization-nav';
import { signUp } from './support/sign-up';
import { twoPeople } from './support/two-people';

const FREE_POSTS_PER_SITE = 20;
const BILLING_SCREENSHOT = '/tmp/plinth-billing.png';
const REFUSING = 'Calls past the allowance are refused with 402 Payment Required until the count restarts.';

/**
 * An owner outgrows the Free plan and pays for Pro through the sandbox
 * (no Stripe key: checkout and the portal are the SPA's stand-ins), then
 * lets a renewal fail: a grace period with everything working, then Free.
 * An admin sees the plan but is sent to an owner to change it. The steps
 * run in order; each person keeps their own browser context.
 */
describe('upgrading through the sandbox, and a payment that fails', () => {
  const owner = {
    email: uniqueEmail('dorothy'),
    name: 'Dorothy Vaughan',
    organization: `Punch Cards ${Date.now().toString(36)}`,
  };
  const admin = { email: uniqueEmail('mary'), name: 'Mary Jackson', organization: 'Wind Tunnels' };
  const stage = twoPeople();
  let organizationPath: string;
  let billingPath: string;
  let sitePath: string;
  let page: Page;
  let adminPage: Page;

  beforeAll(() => {
    [page, adminPage] = stage.pages;
  });

  /** The owner's API session, with the organization named the way the SPA names it. */
  async function ownerApi(): Promise<{ api: ApiClient; organization: { headers: { 'X-Organization-Id': string } } }> {
    const api = await signedInApi(stage.product.baseUrl, owner.email, VALID_PASSWORD);
    return { api, organization: { headers: { 'X-Organization-Id': organizationPath.split('/').pop() as string } } };
  }

  async function subscriptionFromApi(): Promise<Schemas['SubscriptionDto']> {
    const { api, organization } = await ownerApi();
    return unwrap(api.GET('/api/v1/billing/subscription', organization));
  }

  it('answers a post over the Free limit with a link to the billing page', async () => {
    await signUp(page, owner);
    organizationPath = new URL(page.url()).pathname;
    billingPath = `${organizationPath}/billing`;
    const { api, organization } = await ownerApi();
    const site = await unwrap(api.POST('/api/v1/sites', { body: { name: 'Ledger' }, ...organization }));
    sitePath = `${organizationPath}/sites/${site.id}`;
    for (let n = 1; n <= FREE_POSTS_PER_SITE; n += 1) {
      await unwrap(
        api.POST('/api/v1/sites/{siteId}/posts', {
          params: { path: { siteId: site.id } },
          body: { title: `Entry ${n}`, body: `Line ${n}` },
          ...organization,
        }),
      );
    }

    await page.goto(sitePath);
    await expectText(page.getByTestId('usage-site-posts'), `20 of ${FREE_POSTS_PER_SITE}`);
    await labelled(page, 'Title').fill('One too many');
    await page.getByRole('button', { name: 'Save draft' }).click();
    const upgrade = page.getByTestId('upgrade-alert');
    await upgrade.waitFor();
    expect(await upgrade.innerText()).toContain('The Free plan allows 20 posts in each site, and you have 20.');
    const link = upgrade.getByRole('link', { name: 'Compare plans and upgrade' });
    expect(await link.getAttribute('href')).toBe(billingPath);

    await link.click();
    await page.waitForURL(`**${billingPath}`);
    await page.getByRole('heading', { level: 1, name: 'Billing' }).waitFor();
  });

  it('shows the Free plan in the sandbox, its usage, and the paid plans with their trials', async () => {
    await expectText(page.getByTestId('billing-plan'), 'Free');
    await page.getByTestId('sandbox-label').waitFor();
    await expectText(page.getByTestId('usage-posts'), `20 of ${FREE_POSTS_PER_SITE}`);
    await page.getByText('No invoices yet.').waitFor();
    expect(await page.getByTestId('billing-status').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Manage billing' }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Upgrade', exact: true }).count()).toBe(1);

    const pro = planCard(page, 'Pro');
    await expectText(pro.getByTestId('plan-price-pro'), '$99 per month');
    await chooseCycle(page, 'Annual');
    await expectText(pro.getByTestId('plan-price-pro'), '$990 per year');
    await chooseCycle(page, 'Monthly');
    await expectText(pro.getByTestId('plan-price-pro'), '$99 per month');
    expect(await planCard(page, 'Starter').getByRole('button', { name: 'Start 14-day trial' }).count()).toBe(1);
    expect(await planCard(page, 'Enterprise').getByRole('link', { name: 'Contact sales' }).getAttribute('href')).toMatch(/^mailto:/);
    expect(await planCard(page, 'Free').count()).toBe(0);
  });

  it('upgrades to Pro monthly through the sandbox checkout, and the limits move', async () => {
    await planCard(page, 'Pro').getByRole('button', { name: 'Start 14-day trial' }).click();
    await page.waitForURL(/\/sandbox\/checkout\/cs_\w+\?organization=[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: 'Sandbox checkout' }).waitFor();
    await page.getByTestId('sandbox-label').waitFor();
    expect(await page.getByTestId('sandbox-session').innerText()).toBe(new URL(page.url()).pathname.split('/').pop());

    await page.getByRole('button', { name: 'Pay (sandbox)' }).click();
    await page.waitForURL(new RegExp(`${escapeRegExp(billingPath)}\\?checkout=success$`));
    // The subscription arrives with the payment's events, a moment after the redirect.
    await expectText(page.getByTestId('billing-plan'), 'Pro');
    await expectText(page.getByTestId('billing-status'), 'Trial');
    expect(await page.getByTestId('trial-banner').innerText()).toMatch(/Your Pro trial ends on \w+ \d+, \d{4}\./);
    expect(await page.getByTestId('checkout-return').innerText()).toContain('Welcome to Pro');
    await expectText(page.getByTestId('usage-posts'), '20 of 1,000');
    await expectText(page.getByTestId('billing-price'), '$99 per month after the trial');
    expect(await page.getByRole('region', { name: 'Upgrade', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Cancel subscription' }).count()).toBe(1);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: BILLING_SCREENSHOT, fullPage: true });
  });

  it('lets the owner pay as you go for API calls past the allowance, after saying what it costs, and refuse them again', async () => {
    const section = page.getByRole('region', { name: 'API calls past your allowance' });
    const modes = section.getByRole('radiogroup', { name: 'API calls past the allowance' });
    await expectText(section.getByTestId('api-calls-mode'), REFUSING);
    await section
      .getByTestId('api-calls-month')
      .filter({ hasText: /^\d[\d,]* of the 1,000,000 calls allowed this month; the count restarts on \w+ \d+, \d{4}\.$/ })
      .waitFor();
    expect(await modes.getByRole('radio', { name: 'Refuse (402)' }).isChecked()).toBe(true);
    expect(await section.getByTestId('api-calls-overage').count()).toBe(0);

    await modes.getByText('Pay as you go', { exact: true }).click();
    const turnOn = page.getByRole('dialog', { name: 'Pay as you go for API calls?' });
    expect(await turnOn.getByTestId('api-calls-confirm').innerText()).toContain(
      '$0.20 per 1,000 calls past 1,000,000, billed with your next invoice.',
    );
    await turnOn.getByRole('button', { name: 'Turn on pay as you go' }).click();
    await turnOn.waitFor({ state: 'detached' });
    await expectText(
      section.getByTestId('api-calls-mode'),
      'Pay as you go: calls past the allowance are served, and billed at $0.20 per 1,000 with your next invoice.',
    );
    await expectText(section.getByTestId('api-calls-overage'), '0 calls past the allowance this month — $0 so far');
    expect(await modes.getByRole('radio', { name: 'Pay as you go' }).isChecked()).toBe(true);
    expect((await subscriptionFromApi()).apiCalls.mode).toBe('pay_as_you_go');

    // Changing one's mind in the dialog changes nothing.
    await modes.getByText('Refuse (402)', { exact: true }).click();
    const turnOff = page.getByRole('dialog', { name: 'Refuse API calls past the allowance?' });
    await turnOff.getByRole('button', { name: 'Cancel' }).click();
    await turnOff.waitFor({ state: 'detached' });
    expect(await modes.getByRole('radio', { name: 'Pay as you go' }).isChecked()).toBe(true);

    await modes.getByText('Refuse (402)', { exact: true }).click();
    expect(await turnOff.getByTestId('api-calls-confirm').innerText()).toBe(
      'From now on, API-key calls past 1,000,000 in a month are refused with 402 Payment Required.',
    );
    await turnOff.getByRole('button', { name: 'Refuse calls past the allowance' }).click();
    await turnOff.waitFor({ state: 'detached' });
    await expectText(section.getByTestId('api-calls-mode'), REFUSING);
    expect(await modes.getByRole('radio', { name: 'Refuse (402)' }).isChecked()).toBe(true);
    expect(await section.getByTestId('api-calls-overage').count()).toBe(0);
    expect((await subscriptionFromApi()).apiCalls.mode).toBe('hard_limit');
  });

  it('now takes the post the Free plan refused', async () => {
    await openFromNav(page, 'Sites', `${organizationPath}/sites`);
    await page.getByRole('link', { name: 'Ledger' }).click();
    await page.waitForURL(`**${sitePath}`);
    await expectText(page.getByTestId('usage-site-posts'), '20 of 1,000');
    await labelled(page, 'Title').fill('One too many');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expectText(page.getByTestId('usage-site-posts'), '21 of 1,000');
    await page.getByRole('table', { name: 'Posts' }).getByText('One too many', { exact: true }).waitFor();
    expect(await page.getByTestId('upgrade-alert').count()).toBe(0);
  });

  it('lets the renewal fail in the sandbox portal: a grace period, everything still working', async () => {
    await openFromNav(page, 'Billing', billingPath);
    await openPortal(page);
    await page.getByRole('radiogroup', { name: 'Card on file' }).getByText('Card fails', { exact: true }).click();
    await page.getByTestId('sandbox-card').filter({ hasText: 'Later charges fail' }).waitFor();
    await advanceClock(page, 31, '31 days ahead of today');
    await returnToBilling(page);

    const grace = page.getByTestId('grace-banner');
    await grace.waitFor();
    expect(await grace.innerText()).toMatch(
      new RegExp(`Everything keeps working until \\w+ \\d+, \\d{4}, then ${escapeRegExp(owner.organization)} moves to the Free plan\\.`),
    );
    expect(await grace.getByRole('button', { name: 'Update payment method' }).count()).toBe(1);
    await expectText(page.getByTestId('billing-plan'), 'Pro');
    await expectText(page.getByTestId('billing-status'), 'Payment failed');
    await page.getByRole('table', { name: 'Invoices' }).getByTestId('invoice-status').filter({ hasText: 'Open' }).waitFor();
    await expectText(page.getByTestId('usage-posts'), '21 of 1,000');
  });

  it('moves the organization to Free when the grace period runs out', async () => {
    await openPortal(page);
    await advanceClock(page, 8, '39 days ahead of today');
    await returnToBilling(page);

    await expectText(page.getByTestId('billing-plan'), 'Free');
    await expectText(page.getByTestId('billing-status'), 'Canceled');
    expect(await page.getByTestId('grace-banner').count()).toBe(0);
    // Over the Free limit now: the posts stay, and the meter says so.
    await expectText(page.getByTestId('usage-posts'), `21 of ${FREE_POSTS_PER_SITE}`);
    // Only the first subscription has a trial.
    await planCard(page, 'Pro').getByRole('button', { name: 'Upgrade to Pro' }).waitFor();
    // Pay as you go for API calls is for paid plans; on Free the owner is told where to find it.
    await expectText(
      page.getByTestId('api-calls-hint'),
      'Calls past the allowance are refused with 402 Payment Required. Paying for them as you go is available on Starter and Pro.',
    );
    expect(await page.getByRole('radiogroup', { name: 'API calls past the allowance' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Start 14-day trial' }).count()).toBe(0);
  });

  it('offers the signed-in owner checkout from the pricing page, and a way back without paying', async () => {
    await page.goto('/pricing');
    const upgrade = page.getByRole('region', { name: `Upgrade ${owner.organization}` });
    await planCard(page, 'Pro').getByRole('button', { name: 'Upgrade to Pro' }).waitFor();
    expect(await upgrade.innerText()).toContain(`${owner.organization} is on the Free plan.`);
    await chooseCycle(page, 'Annual');
    await planCard(page, 'Pro').getByRole('button', { name: 'Upgrade to Pro' }).click();
    await page.waitForURL(/\/sandbox\/checkout\/cs_\w+\?organization=[0-9a-f-]{36}$/);

    await page.getByRole('link', { name: 'Cancel' }).click();
    await page.waitForURL(new RegExp(`${escapeRegExp(billingPath)}\\?checkout=canceled$`));
    expect(await page.getByTestId('checkout-return').innerText()).toContain('Nothing was charged.');
    await expectText(page.getByTestId('billing-plan'), 'Free');
  });

  it('shows an admin the plan but leaves changing it, and upgrading, to an owner', async () => {
    await joinAsAdmin();
    await adminPage.goto('/login');
    await labelled(adminPage, 'Email').fill(admin.email);
    await labelled(adminPage, 'Password').fill(VALID_PASSWORD);
    await adminPage.getByRole('button', { name: 'Log in' }).click();
    await adminPage.getByRole('heading', { level: 1, name: admin.organization }).waitFor();
    // A bookmark to the other organization's billing page opens it for that organization.
    await adminPage.goto(billingPath);
    await adminPage.getByRole('heading', { level: 1, name: 'Billing' }).waitFor();
    expect(await navLinkNames(adminPage)).toEqual([
      'Dashboard',
      'Sites',
      'Members',
      'API keys',
      'Webhooks',
      'Audit log',
      'Usage',
      'Billing',
      'Settings',
    ]);
    await expectText(adminPage.getByTestId('billing-plan'), 'Free');
    await adminPage.getByText('Only an owner can change the plan or the payment details.').waitFor();
    await adminPage.getByRole('table', { name: 'Invoices' }).waitFor();
    expect(await adminPage.getByRole('button', { name: 'Manage billing' }).count()).toBe(0);
    expect(await adminPage.getByRole('region', { name: 'Upgrade', exact: true }).count()).toBe(0);
    expect(await adminPage.getByRole('region', { name: 'API calls past your allowance' }).count()).toBe(0);

    await adminPage.goto(sitePath);
    await labelled(adminPage, 'Title').fill('Twenty-second');
    await adminPage.getByRole('button', { name: 'Save draft' }).click();
    const upgrade = adminPage.getByTestId('upgrade-alert');
    await upgrade.waitFor();
    expect(await upgrade.innerText()).toContain('Ask an owner to upgrade.');
    expect(await upgrade.getByRole('link', { name: 'Compare plans and upgrade' }).count()).toBe(0);
  });

  /** Invited and accepted through the API: the invitation path itself is the tenancy spec's subject. */
  async function joinAsAdmin(): Promise<void> {
    const { api } = await ownerApi();
    const me = await unwrap(api.GET('/api/v1/auth/me'));
    const organizationId = me.memberships.find((m) => organizationPath.endsWith(`/${m.slug}`))?.organizationId ?? '';
    const invite = await unwrap(
      api.POST('/api/v1/organizations/{id}/invites', {
        params: { path: { id: organizationId } },
        body: { email: admin.email, role: 'admin' },
      }),
    );
    const anonymous = createApiClient({ baseUrl: stage.product.baseUrl });
    await unwrap(
      anonymous.POST('/api/v1/auth/signup', {
        body: { email: admin.email, password: VALID_PASSWORD, name: admin.name, organizationName: admin.organization },
      }),
    );
    const adminApi = await signedInApi(stage.product.baseUrl, admin.email, VALID_PASSWORD);
    await unwrap(
      adminApi.POST('/api/v1/organizations/invites/{token}/accept', {
        params: { path: { token: invite.inviteToken } },
      }),
    );
  }

  async function returnToBilling(portal: Page): Promise<void> {
    await portal.getByRole('link', { name: 'Return to Plinth' }).click();
    await portal.waitForURL(new RegExp(`${escapeRegExp(billingPath)}\\?portal=returned$`));
    await portal.getByRole('heading', { level: 1, name: 'Billing' }).waitFor();
  }
});

/** One plan's card among the billing page's upgrades. */
function planCard(page: Page, name: string): Locator {
  return page.getByRole('region', { name, exact: true });
}

async function chooseCycle(page: Page, cycle: 'Monthly' | 'Annual'): Promise<void> {
  await page.getByRole('radiogroup', { name: 'Billing cycle' }).getByText(cycle, { exact: true }).click();
}

/** "Manage billing" on the billing page, into the sandbox's portal. */
async function openPortal(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Manage billing' }).click();
  await page.waitForURL(/\/sandbox\/portal\?organization=[0-9a-f-]{36}&return=/);
  await page.getByRole('heading', { level: 1, name: 'Sandbox billing portal' }).waitFor();
}

async function advanceClock(page: Page, days: number, offset: string): Promise<void> {
  await labelled(page, 'Days').fill(String(days));
  await page.getByRole('button', { name: 'Advance the clock' }).click();
  await expectText(page.getByTestId('sandbox-clock-offset'), offset);
}

async function expectText(locator: Locator, text: string): Promise<void> {
  await locator.filter({ hasText: new RegExp(`^${escapeRegExp(text)}$`) }).waitFor();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
