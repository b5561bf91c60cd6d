import { Inbox, uniqueEmail, VALID_PASSWORD } from '@plinth/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './support/chromium';
import { fieldError } from './support/field-error';
import { labelled } from './support/labelled';
import { watchPageProblems } from './support/page-problems';
import { type RunningProduct, startProduct } from './support/product';

const PASSWORD_RULE = '10 to 128 characters, with at least one letter and one digit';
const DASHBOARD_SCREENSHOT = '/tmp/plinth-dashboard.png';

/**
 * One person's path through the built product: sign up, verify the email,
 * log out, fail and succeed at logging in, reload. The steps run in order
 * and share the browser page, as the person would.
 */
describe('signing up and signing in', () => {
  const inbox = new Inbox();
  const person = {
    email: uniqueEmail('ada'),
    name: 'Ada Lovelace',
    organization: `Analytical Engines ${Date.now().toString(36)}`,
  };
  let product: RunningProduct;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageProblems: () => string[];
  let dashboardPath: string;

  beforeAll(async () => {
    product = await startProduct();
    browser = await launchChromium();
    context = await browser.newContext({ baseURL: product.baseUrl });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    pageProblems = watchPageProblems(page);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  afterEach(() => {
    expect(pageProblems()).toEqual([]);
  });

  it('signs up from the landing page, checking the password rule before sending', async () => {
    const signupRequests = countRequests(page, '/api/v1/auth/signup');
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: /foundation/i }).waitFor();
    await page.getByRole('link', { name: 'Create your account' }).click();
    await page.waitForURL('**/signup');

    await labelled(page, 'Email').fill(person.email);
    await labelled(page, 'Password').fill('tooweak1');
    await labelled(page, 'Your name').fill(person.name);
    await labelled(page, 'Organization name').fill(person.organization);
    await page.getByRole('button', { name: 'Sign up' }).click();

    await page.getByText(`Password must be ${PASSWORD_RULE}`).waitFor();
    expect(await fieldError(page, 'Password')).toBe(`Password must be ${PASSWORD_RULE}`);
    expect(signupRequests()).toBe(0);

    await labelled(page, 'Password').fill(VALID_PASSWORD);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.waitForURL(/\/o\/[a-z0-9-]+$/);
    dashboardPath = new URL(page.url()).pathname;

    await expectDashboard(page, person);
    await page.getByText('Verify your email address').waitFor();
    expect(signupRequests()).toBe(1);
    await page.screenshot({ path: DASHBOARD_SCREENSHOT, fullPage: true });
  });

  it('verifies the email with the mailed link, and the banner goes away', async () => {
    const mail = await inbox.waitFor(person.email, /confirm your email/i);
    const link = mail.text.match(/https?:\/\/\S+\/verify-email\?token=\S+/)?.[0];
    expect(link?.startsWith(`${product.baseUrl}/verify-email?token=`)).toBe(true);

    await page.goto(link as string);
    await page.getByText('Email address verified').waitFor();
    await page.getByRole('link', { name: 'Continue to your dashboard' }).click();
    await page.waitForURL(`**${dashboardPath}`);
    await expectDashboard(page, person);
    expect(await page.getByText('Verify your email address').count()).toBe(0);
  });

  it('logs out, refuses a wrong password, and logs back in', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    // Under load the session guard may win the race and add ?next=…; either way we are on the login page.
    await page.waitForURL(/\/login(\?|$)/);
    expect(await storedRefreshToken(page)).toBeNull();

    await labelled(page, 'Email').fill(person.email);
    await labelled(page, 'Password').fill('not-the-password-1');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText('Invalid email or password').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');

    await labelled(page, 'Password').fill(VALID_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`**${dashboardPath}`);
    await expectDashboard(page, person);
  });

  it('stays signed in across a reload by rotating the refresh token', async () => {
    const refreshes = countRequests(page, '/api/v1/auth/refresh');
    const tokenBefore = await storedRefreshToken(page);
    await page.reload();
    await expectDashboard(page, person);
    const tokenAfter = await storedRefreshToken(page);
    expect(tokenBefore).toEqual(expect.any(String));
    expect(tokenAfter).toEqual(expect.any(String));
    expect(tokenAfter).not.toBe(tokenBefore);
    expect(refreshes()).toBe(1);
  });

  it('refreshes once and retries when the API refuses an expired access token', async () => {
    const refreshes = countRequests(page, '/api/v1/auth/refresh');
    await refuseFirstCall(page, '/api/v1/auth/me');
    await page.reload();
    await expectDashboard(page, person);
    // One refresh restores the session after the reload, the second answers the refused call.
    expect(refreshes()).toBe(2);
    await page.unroute('**/api/v1/auth/me');
  });

  it('sends a signed-out deep link to the login page, then back to it', async () => {
    const stranger = await browser.newContext({ baseURL: product.baseUrl });
    try {
      const freshPage = await stranger.newPage();
      await freshPage.goto(dashboardPath);
      await freshPage.waitForURL('**/login?next=*');
      expect(new URL(freshPage.url()).searchParams.get('next')).toBe(dashboardPath);

      await labelled(freshPage, 'Email').fill(person.email);
      await labelled(freshPage, 'Password').fill(VALID_PASSWORD);
      await freshPage.getByRole('button', { name: 'Log in' }).click();
      await freshPage.waitForURL(`**${dashboardPath}`);
      await expectDashboard(freshPage, person);
    } finally {
      await stranger.close();
    }
  });

  it('answers an unknown address with the not-found page', async () => {
    await page.goto('/no-such-page');
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
  });
});

async function expectDashboard(page: Page, person: { name: string; organization: string }): Promise<void> {
  await page.getByRole('heading', { level: 1, name: person.organization }).waitFor();
  expect(await page.getByTestId('signed-in-user').textContent()).toBe(person.name);
  expect(await page.getByTestId('member-role').textContent()).toBe('Owner');
  expect(await page.getByTestId('plan-tier').textContent()).toBe('free');
}

function storedRefreshToken(page: Page): Promise<string | null> {
  return page.evaluate(() => window.localStorage.getItem('plinth.refreshToken'));
}

/** Answers the next call to `path` with 401, as the API does for an expired access token. */
async function refuseFirstCall(page: Page, path: string): Promise<void> {
  let refused = false;
  await page.route(`**${path}`, async (route) => {
    if (refused) return route.continue();
    refused = true;
    await route.fulfill({
      status: 401,
      contentType: 'application/json',
      body: JSON.stringify({ success: false, error: { code: 'UNAUTHENTICATED', message: 'Access token expired' } }),
    });
  });
}

/** Counts the requests the page sends to `path` from now on. */
function countRequests(page: Page, path: string): () => number {
  let count = 0;
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === path) count += 1;
  });
  return () => count;
}
