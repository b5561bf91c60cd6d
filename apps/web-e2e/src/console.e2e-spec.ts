import { unwrap } from '@plinth/api-client';
import { Inbox, uniqueEmail, VALID_PASSWORD } from '@plinth/testing';
import type { BrowserContext, Page } from 'playwright-core';
import { signedInApi } from './support/api';
import { labelled } from './support/labelled';
import { openFromNav } from './support/organization-nav';
import { watchPageProblems } from './support/page-problems';
import { signUp } from './support/sign-up';
import { twoPeople } from './support/two-people';

const PHONE = { width: 390, height: 844 };
const PHONE_SCREENSHOT = '/tmp/plinth-phone-members.png';

/**
 * The console as issue 10 left it: a colleague signs up from the invitation
 * itself and lands in the inviting organization (no second one); the role
 * menu never offers Owner; the transfer and leave dialogs say why they cannot
 * go ahead; a viewer reads a post; and on a 390 px phone no page of the
 * organization, nor the public pages, scrolls sideways. The steps run in order.
 */
describe('the console', () => {
  const inbox = new Inbox();
  const owner = { email: uniqueEmail('barbara'), name: 'Barbara Liskov', organization: `Abstractions ${Date.now().toString(36)}` };
  const viewer = { email: uniqueEmail('frances'), name: 'Frances Allen' };
  const post = { title: 'Optimizing compilers', body: 'Intervals, then flow.\n\nA second paragraph.' };
  const stage = twoPeople();
  let ownerPage: Page;
  let viewerPage: Page;
  let organizationPath: string;
  let organizationId: string;
  let siteId: string;
  let postId: string;
  let inviteToken: string;

  beforeAll(() => {
    [ownerPage, viewerPage] = stage.pages;
  });

  it('sets the scene: an owner with a site, a published post and an invitation for a viewer', async () => {
    await signUp(ownerPage, owner);
    organizationPath = new URL(ownerPage.url()).pathname;
    const api = await signedInApi(stage.product.baseUrl, owner.email, VALID_PASSWORD);
    const me = await unwrap(api.GET('/api/v1/auth/me'));
    organizationId = me.memberships[0].organizationId;
    const inOrganization = { headers: { 'X-Organization-Id': organizationId } };

    const site = await unwrap(api.POST('/api/v1/sites', { body: { name: 'Field notes' }, ...inOrganization }));
    siteId = site.id;
    const created = await unwrap(api.POST('/api/v1/sites/{siteId}/posts', { params: { path: { siteId } }, body: post, ...inOrganization }));
    postId = created.id;
    await unwrap(api.POST('/api/v1/sites/{siteId}/posts/{id}/publish', { params: { path: { siteId, id: postId } }, ...inOrganization }));
    const invite = await unwrap(
      api.POST('/api/v1/organizations/{id}/invites', {
        params: { path: { id: organizationId } },
        body: { email: viewer.email, role: 'viewer' },
      }),
    );
    inviteToken = invite.inviteToken;
  });

  it('signs the invited viewer up on the invitation page, into the inviting organization and no other', async () => {
    await viewerPage.goto(`/invites/${inviteToken}`);
    await viewerPage.getByRole('heading', { level: 1, name: `Join ${owner.organization}` }).waitFor();
    const form = viewerPage.getByRole('form', { name: 'Create your account' });
    expect(await form.getByLabel('Organization name').count()).toBe(0);
    const email = labelled(viewerPage, 'Email');
    expect(await email.inputValue()).toBe(viewer.email);
    expect(await email.getAttribute('readonly')).not.toBeNull();

    await labelled(viewerPage, 'Your name').fill(viewer.name);
    await labelled(viewerPage, 'Password').fill(VALID_PASSWORD);
    const signupRequest = viewerPage.waitForRequest((request) => new URL(request.url()).pathname === '/api/v1/auth/signup');
    await form.getByRole('button', { name: `Sign up and join ${owner.organization}` }).click();
    expect((await signupRequest).postDataJSON()).toEqual({
      email: viewer.email,
      password: VALID_PASSWORD,
      name: viewer.name,
      inviteToken,
    });

    await viewerPage.waitForURL(`**${organizationPath}`);
    await viewerPage.getByRole('heading', { level: 1, name: owner.organization }).waitFor();
    expect(await viewerPage.getByText('Verify your email address').count()).toBe(0);

    const viewerApi = await signedInApi(stage.product.baseUrl, viewer.email, VALID_PASSWORD);
    const me = await unwrap(viewerApi.GET('/api/v1/auth/me'));
    expect(me.memberships).toHaveLength(1);
    expect(me.memberships[0]).toMatchObject({ organizationId, role: 'viewer' });
    expect(me.user.emailVerified).toBe(true);
  });

  it('offers every role but Owner in the role menu, and names the toast close button', async () => {
    await openFromNav(ownerPage, 'Members', `${organizationPath}/members`);
    const roleMenu = ownerPage.getByRole('combobox', { name: `Role of ${viewer.name}` });
    await roleMenu.waitFor();
    expect(await roleMenu.locator('option').allTextContents()).toEqual(['Admin', 'Editor', 'Publisher', 'Viewer']);
    // The owner's own row is a badge, not a menu: ownership moves only by transfer.
    expect(await ownerPage.getByRole('combobox', { name: `Role of ${owner.name}` }).count()).toBe(0);
    expect(await memberRow(ownerPage, owner.email).textContent()).toContain('Owner');

    await roleMenu.selectOption('editor');
    await ownerPage.getByText(`${viewer.name} is now Editor.`).waitFor();
    const close = ownerPage.getByRole('button', { name: 'Close the notification “Role changed”' });
    await close.click();
    await close.waitFor({ state: 'detached' });
    await roleMenu.selectOption('viewer');
    await ownerPage.getByText(`${viewer.name} is now Viewer.`).waitFor();
  });

  it('keeps Transfer disabled until a member is chosen, and Leave disabled for the last owner, saying why', async () => {
    await ownerPage.getByRole('button', { name: 'Transfer ownership' }).click();
    const transfer = ownerPage.getByRole('dialog', { name: 'Transfer ownership' });
    const transferButton = transfer.getByRole('button', { name: 'Transfer', exact: true });
    expect(await transferButton.isDisabled()).toBe(true);
    expect(await accessibleDescription(transferButton)).toBe('Choose the member who becomes the owner.');
    await transfer.getByLabel('New owner').selectOption({ label: `${viewer.name} (${viewer.email})` });
    expect(await transferButton.isEnabled()).toBe(true);
    await transfer.getByRole('button', { name: 'Cancel' }).click();
    await transfer.waitFor({ state: 'detached' });

    await ownerPage.getByRole('button', { name: 'Leave organization' }).click();
    const leave = ownerPage.getByRole('dialog', { name: `Leave ${owner.organization}?` });
    const leaveButton = leave.getByRole('button', { name: 'Leave', exact: true });
    expect(await leaveButton.isDisabled()).toBe(true);
    expect(await accessibleDescription(leaveButton)).toContain(`You are the only owner of ${owner.organization}`);
    await leave.getByRole('button', { name: 'Close', exact: true }).click();
    await leave.waitFor({ state: 'detached' });
  });

  it('lets the viewer open a post from its title and read it, with nothing to change it', async () => {
    await openFromNav(viewerPage, 'Sites', `${organizationPath}/sites`);
    await viewerPage.getByRole('link', { name: 'Field notes' }).click();
    await viewerPage.getByRole('heading', { level: 1, name: 'Field notes' }).waitFor();
    await viewerPage.getByRole('table', { name: 'Posts' }).getByRole('link', { name: post.title }).click();

    await viewerPage.waitForURL(`**${organizationPath}/sites/${siteId}/posts/${postId}`);
    await viewerPage.getByRole('heading', { level: 1, name: post.title }).waitFor();
    expect(await viewerPage.getByTestId('post-status').innerText()).toBe('Published');
    expect(await viewerPage.getByTestId('post-body').innerText()).toBe(post.body);
    const facts = await viewerPage.locator('dl').innerText();
    expect(facts).toMatch(/Published\s+\w{3} \d{1,2}, \d{4}/);
    expect(facts).toContain('Last change');
    expect(facts).toContain('Created');
    expect(await viewerPage.getByRole('main').getByRole('button').count()).toBe(0);

    await viewerPage.getByRole('link', { name: '← Field notes' }).click();
    await viewerPage.waitForURL(`**${organizationPath}/sites/${siteId}`);
  });

  it('says "already verified" for a used verify link opened while verified', async () => {
    const mail = await inbox.waitFor(owner.email, /confirm your email/i);
    const link = mail.text.match(/https?:\/\/\S+\/verify-email\?token=\S+/)?.[0] as string;
    await ownerPage.goto(link);
    await ownerPage.getByText('Email address verified').waitFor();
    await ownerPage.goto(link);
    await ownerPage.getByText('Your email address is already verified').waitFor();
    expect(await ownerPage.getByText('We could not verify your email address').count()).toBe(0);
  });

  it('follows the system colour scheme until toggled, then keeps the choice', async () => {
    const context = await stage.browser.newContext({ baseURL: stage.product.baseUrl, colorScheme: 'dark' });
    try {
      const page = await context.newPage();
      const problems = watchPageProblems(page);
      await page.goto('/');
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await colorScheme(page)).toBe('dark');
      await page.getByRole('button', { name: 'Use light colors' }).click();
      expect(await colorScheme(page)).toBe('light');
      await page.reload();
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await colorScheme(page)).toBe('light');
      expect(problems()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('starts every page with a "Skip to content" link into the main region', async () => {
    await ownerPage.goto(organizationPath);
    await ownerPage.getByRole('heading', { level: 1, name: owner.organization }).waitFor();
    await ownerPage.keyboard.press('Tab');
    expect(await ownerPage.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await ownerPage.keyboard.press('Enter');
    expect(await ownerPage.evaluate(() => document.activeElement?.id)).toBe('main-content');
  });

  describe('on a 390 × 844 phone', () => {
    let phone: BrowserContext;
    let page: Page;
    let problems: () => string[];

    beforeAll(async () => {
      phone = await stage.browser.newContext({ baseURL: stage.product.baseUrl, viewport: PHONE, isMobile: true, hasTouch: true });
      phone.setDefaultTimeout(10_000);
      page = await phone.newPage();
      problems = watchPageProblems(page);
    });

    afterAll(() => phone?.close());

    afterEach(() => {
      expect(problems()).toEqual([]);
    });

    it('fits the public pages, with the plans as cards', async () => {
      const overflowing: string[] = [];
      for (const path of ['/', '/pricing', '/login', '/signup', `/invites/${inviteToken}`]) {
        await page.goto(path);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await settle(page);
        if (await overflowsSideways(page)) overflowing.push(path);
        if (path === '/pricing') {
          await page.getByTestId('plan-card').first().waitFor();
          expect(await page.getByRole('table', { name: 'Plans' }).count()).toBe(0);
          expect(await page.getByRole('list', { name: 'Plans' }).getByRole('listitem').count()).toBeGreaterThanOrEqual(4);
        }
      }
      expect(overflowing).toEqual([]);
    });

    it('keeps "Log out" within reach: in the navigation drawer', async () => {
      await page.goto('/login');
      await labelled(page, 'Email').fill(owner.email);
      await labelled(page, 'Password').fill(VALID_PASSWORD);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.waitForURL(`**${organizationPath}`);
      await page.getByRole('heading', { level: 1, name: owner.organization }).waitFor();
      expect(await overflowsSideways(page)).toBe(false);

      await page.getByRole('button', { name: 'Toggle navigation' }).click();
      const logOut = page.getByRole('button', { name: 'Log out' });
      await logOut.waitFor();
      // The drawer slides in; once it is open, the button lies wholly on screen.
      await logOut.evaluate(
        (button, width) =>
          new Promise<void>((resolve) => {
            const check = () => {
              const box = button.getBoundingClientRect();
              if (box.left >= 0 && box.right <= width) resolve();
              else requestAnimationFrame(check);
            };
            check();
          }),
        PHONE.width,
      );
      await page.getByRole('button', { name: 'Toggle navigation' }).click();
    });

    it('fits every page reachable in the organization, with lists as stacked cards', async () => {
      const visited = await crawlOrganization(page, organizationPath, [`${organizationPath}/sites/${siteId}/posts/${postId}`]);
      expect(visited).toEqual(
        expect.arrayContaining([
          organizationPath,
          `${organizationPath}/sites`,
          `${organizationPath}/sites/${siteId}`,
          `${organizationPath}/sites/${siteId}/posts/${postId}`,
          `${organizationPath}/members`,
          `${organizationPath}/api-keys`,
          `${organizationPath}/audit`,
          `${organizationPath}/usage`,
          `${organizationPath}/billing`,
        ]),
      );

      await page.goto(`${organizationPath}/members`);
      const row = memberRow(page, owner.email);
      await row.waitFor();
      expect(await row.evaluate((element) => getComputedStyle(element).display)).toBe('block');
      expect(await overflowsSideways(page)).toBe(false);
      await page.screenshot({ path: PHONE_SCREENSHOT, fullPage: true });
    }, 180_000);
  });

  /**
   * Visits the organization's pages a person can reach by following links,
   * from the dashboard and `extra` on, and checks that none of them scrolls
   * sideways. Resolves to the paths visited.
   */
  async function crawlOrganization(page: Page, home: string, extra: string[]): Promise<string[]> {
    const queue = [home, ...extra];
    const visited: string[] = [];
    const overflowing: string[] = [];
    while (queue.length > 0 && visited.length < 40) {
      const path = queue.shift() as string;
      if (visited.includes(path)) continue;
      visited.push(path);
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await settle(page);
      if (await overflowsSideways(page)) overflowing.push(path);
      for (const next of await linksWithin(page, home)) if (!visited.includes(next) && !queue.includes(next)) queue.push(next);
    }
    expect(overflowing).toEqual([]);
    return visited;
  }
});

function memberRow(page: Page, email: string) {
  return page.getByRole('table', { name: 'Members' }).getByRole('row', { name: email });
}

/** The page body is wider than the window: the person would have to scroll sideways. */
function overflowsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

/** Until the page's data has arrived: no request for a moment, and no skeleton left. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
  await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0, undefined, { timeout: 5_000 });
}

/** Same-organization paths linked from the page (the navigation drawer's included), without query or hash. */
async function linksWithin(page: Page, home: string): Promise<string[]> {
  const hrefs = await page.evaluate(() => Array.from(document.querySelectorAll('a[href]'), (a) => a.getAttribute('href') ?? ''));
  const paths = hrefs.filter((href) => href === home || href.startsWith(`${home}/`)).map((href) => href.split(/[?#]/)[0]);
  return [...new Set(paths)];
}

function colorScheme(page: Page): Promise<string | null> {
  return page.evaluate(() => document.documentElement.getAttribute('data-mantine-color-scheme'));
}

/** The text an element's aria-describedby points to, as a screen reader reads it after the name. */
function accessibleDescription(locator: ReturnType<Page['locator']>): Promise<string> {
  return locator.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
      .join(' '),
  );
}
