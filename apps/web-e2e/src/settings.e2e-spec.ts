import { createApiClient, unwrap } from '@plinth/api-client';
import { sql } from './support/database';
import { Inbox, uniqueEmail, VALID_PASSWORD } from '@plinth/testing';
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { signedInApi } from './support/api';
import { fieldError } from './support/field-error';
import { labelled } from './support/labelled';
import { openFromNav } from './support/organization-nav';
import { signUp } from './support/sign-up';
import { twoPeople } from './support/two-people';

const HOME_SCREENSHOT = '/tmp/plinth-home.png';
const SETTINGS_SCREENSHOT = '/tmp/plinth-settings.png';
const ACCOUNT_SCREENSHOT = '/tmp/plinth-account.png';
const NEW_PASSWORD = 'a-new-password-42';

/**
 * An owner's first hour, then their settings: the home page's first steps
 * ticking as they are taken, the organization renamed, re-slugged, exported,
 * a second organization started from the switcher and deleted again, and
 * the account's own settings. A viewer sees the settings without a way to
 * change them. The steps run in order; each person keeps their own browser
 * context.
 *
 * Waiting on the API: POST /auth/verify-email/resend (the checklist's
 * "Resend the link"; asked for by the SPA, in neither notes/console-api.md
 * nor the API yet). Its test fails until the endpoint exists.
 */
describe('home and settings', () => {
  const inbox = new Inbox();
  const suffix = Date.now().toString(36);
  const owner = { email: uniqueEmail('grace'), name: 'Grace Hopper', organization: `Compilers ${suffix}` };
  const viewer = { email: uniqueEmail('margaret'), name: 'Margaret Hamilton' };
  const stage = twoPeople();
  let ownerPage: Page;
  let viewerPage: Page;
  let organizationId: string;
  let slug: string;
  let organizationName = owner.organization;
  let ownerPassword = VALID_PASSWORD;

  const home = () => `/o/${slug}`;

  beforeAll(() => {
    [ownerPage, viewerPage] = stage.pages;
  });

  describe('home', () => {
    it('opens on the getting-started checklist after signup, every step undone', async () => {
      await signUp(ownerPage, owner);
      slug = new URL(ownerPage.url()).pathname.split('/').pop() as string;
      const api = await signedInApi(stage.product.baseUrl, owner.email, VALID_PASSWORD);
      organizationId = (await unwrap(api.GET('/api/v1/organizations')))[0].id;

      const checklist = ownerPage.getByRole('list', { name: 'Getting started' });
      await checklist.waitFor();
      await waitForStep(ownerPage, 'siteCreated', false);
      for (const step of STEPS) expect(await stepState(ownerPage, step)).toBe('false');
      expect(await ownerPage.getByTestId('onboarding-progress').textContent()).toBe('0 of 6 done');
      expect(await checklist.getByText('Verify your email address').count()).toBe(1);
      // Each step links to where it is done.
      expect(await checklist.getByRole('link', { name: 'Create a site' }).getAttribute('href')).toBe(`${home()}/sites`);
      expect(await checklist.getByRole('link', { name: 'Write a post' }).getAttribute('href')).toBe(`${home()}/sites`);
      expect(await checklist.getByRole('link', { name: 'Invite a colleague' }).getAttribute('href')).toBe(`${home()}/members`);
      expect(await checklist.getByRole('link', { name: 'Create an API key' }).getAttribute('href')).toBe(`${home()}/api-keys`);
      expect(await checklist.getByRole('link', { name: 'Try the API' }).getAttribute('href')).toBe(`${home()}/api-keys#quick-start`);
      // The permission table left the home page for Settings → Roles.
      expect(await ownerPage.getByRole('table', { name: 'Your permissions in this organization' }).count()).toBe(0);
    });

    it('ticks "Create a site" once a site exists', async () => {
      await ownerPage.getByRole('list', { name: 'Getting started' }).getByRole('link', { name: 'Create a site' }).click();
      await ownerPage.waitForURL(`**${home()}/sites`);
      await labelled(ownerPage, 'Site name').fill('Field notes');
      await ownerPage.getByRole('button', { name: 'Create site' }).click();
      await ownerPage.getByRole('table', { name: 'Sites' }).getByText('Field notes').waitFor();

      await goHome(ownerPage, organizationName);
      await waitForStep(ownerPage, 'siteCreated', true);
      expect(await stepState(ownerPage, 'postWritten')).toBe('false');
      expect(await ownerPage.getByTestId('onboarding-progress').textContent()).toBe('1 of 6 done');
      // Done: no link any more.
      expect(await ownerPage.getByRole('list', { name: 'Getting started' }).getByRole('link', { name: 'Create a site' }).count()).toBe(0);
    });

    it('shows the latest activity and the usage at a glance', async () => {
      const activity = ownerPage.getByRole('list', { name: 'Recent activity' });
      await activity.getByText('site.created').waitFor();
      expect(await activity.getByRole('listitem').count()).toBeLessThanOrEqual(5);
      await ownerPage.getByTestId('usage-sites').waitFor();
      expect(await ownerPage.getByTestId('usage-sites').textContent()).toBe('1 of 1');
      await ownerPage.screenshot({ path: HOME_SCREENSHOT, fullPage: true });
    });

    it('resends the verification link from the checklist', async () => {
      // A new link at most once a minute, the signup's included: that minute has passed.
      await sql(
        `UPDATE user_tokens SET created_at = created_at - interval '61 seconds' WHERE user_id = (SELECT id FROM users WHERE email = $1)`,
        [owner.email],
      );
      const before = (await inbox.mailTo(owner.email)).filter((mail) => /confirm your email/i.test(mail.subject)).length;
      await ownerPage.getByRole('button', { name: 'Resend the link' }).click();
      await ownerPage.getByRole('button', { name: 'Link sent' }).waitFor();
      await waitUntil(
        async () => (await inbox.mailTo(owner.email)).filter((mail) => /confirm your email/i.test(mail.subject)).length > before,
        'a second verification mail',
      );
    });

    it('explains roles in the settings, linked from the home page', async () => {
      await ownerPage.getByRole('link', { name: 'What your role allows' }).click();
      await ownerPage.waitForURL(`**${home()}/settings/roles`);
      await ownerPage.getByRole('table', { name: 'Your permissions in this organization' }).waitFor();
      expect(await ownerPage.getByRole('table', { name: 'Your permissions in this organization' }).textContent()).toContain('settings');
    });
  });

  describe('organization settings', () => {
    it('renames the organization, and the switcher follows', async () => {
      await openFromNav(ownerPage, 'Settings', `${home()}/settings`);
      const form = ownerPage.getByRole('form', { name: 'Organization settings' });
      await labelled(ownerPage, 'Organization name').fill('   ');
      await form.getByRole('button', { name: 'Save changes' }).click();
      expect(await fieldError(ownerPage, 'Organization name')).toBe('Name your organization');

      organizationName = `Flow-Matic ${suffix}`;
      await labelled(ownerPage, 'Organization name').fill(organizationName);
      await form.getByRole('button', { name: 'Save changes' }).click();
      await ownerPage.getByText('Settings saved').waitFor();
      await switcher(ownerPage, organizationName).waitFor();

      await ownerPage.reload();
      await labelled(ownerPage, 'Organization name').waitFor();
      expect(await labelled(ownerPage, 'Organization name').inputValue()).toBe(organizationName);
      expect(await switcher(ownerPage, organizationName).count()).toBe(1);
    });

    it('refuses a malformed or taken slug beside the field', async () => {
      const api = await signedInApi(stage.product.baseUrl, owner.email, ownerPassword);
      const taken = `taken-${suffix}`;
      await unwrap(api.POST('/api/v1/organizations', { body: { name: 'Placeholder', slug: taken } }));
      const form = ownerPage.getByRole('form', { name: 'Organization settings' });

      await labelled(ownerPage, 'Slug').fill('Not A Slug');
      await form.getByRole('button', { name: 'Save changes' }).click();
      expect(await fieldError(ownerPage, 'Slug')).toBe('The slug must be 3 to 48 lower-case letters, digits and inner hyphens');

      await labelled(ownerPage, 'Slug').fill(taken);
      await form.getByRole('button', { name: 'Save changes' }).click();
      await ownerPage.getByText(`The slug "${taken}" is taken`).waitFor();
      expect(await fieldError(ownerPage, 'Slug')).toBe(`The slug "${taken}" is taken`);
      expect(new URL(ownerPage.url()).pathname).toBe(`${home()}/settings`);

      // Out of the way again: the Free plan allows three organizations a person owns.
      const placeholder = (await unwrap(api.GET('/api/v1/organizations'))).find((org) => org.slug === taken);
      await unwrap(api.DELETE('/api/v1/organizations/{id}', { params: { path: { id: placeholder?.id as string } } }));
    });

    it('changes the slug, and the address follows it', async () => {
      const oldSlug = slug;
      const newSlug = `flow-matic-${suffix}`;
      await labelled(ownerPage, 'Slug').fill(newSlug);
      const sawNotFound = await watchForText(ownerPage, 'Organization not found');
      await ownerPage.getByRole('form', { name: 'Organization settings' }).getByRole('button', { name: 'Save changes' }).click();
      await ownerPage.waitForURL(`**/o/${newSlug}/settings`);
      slug = newSlug;
      await ownerPage.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
      // Not even for a frame: the shell finds the organization under its new slug as the address changes.
      expect(await sawNotFound()).toBe(false);

      await ownerPage.reload();
      expect(await labelled(ownerPage, 'Slug').inputValue()).toBe(newSlug);
      // The navbar links to the new address.
      expect(
        await ownerPage.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name: 'Dashboard' }).getAttribute('href'),
      ).toBe(`/o/${newSlug}`);
      await ownerPage.goto(`/o/${oldSlug}`);
      await ownerPage.getByRole('heading', { level: 1, name: 'Organization not found' }).waitFor();
      await ownerPage.goto(`${home()}/settings`);
    });

    it('downloads the whole organization as NDJSON, for the owner', async () => {
      await ownerPage.getByRole('heading', { name: 'Export data' }).waitFor();
      const [download] = await Promise.all([
        ownerPage.waitForEvent('download'),
        ownerPage.getByRole('button', { name: 'Download export' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`${slug}-export.ndjson`);
      const lines = (await readFile((await download.path()) as string, 'utf8')).trim().split('\n');
      const records = lines.map((line) => JSON.parse(line) as { type: string });
      expect(records.some((record) => record.type === 'organization')).toBe(true);
      expect(records.some((record) => record.type === 'site' && JSON.stringify(record).includes('Field notes'))).toBe(true);
      await ownerPage.screenshot({ path: SETTINGS_SCREENSHOT, fullPage: true });
    });

    it('shows a viewer the settings without a way to change, export or delete', async () => {
      const api = await signedInApi(stage.product.baseUrl, owner.email, ownerPassword);
      const invite = await unwrap(
        api.POST('/api/v1/organizations/{id}/invites', {
          params: { path: { id: organizationId } },
          body: { email: viewer.email, role: 'viewer' },
        }),
      );
      const anonymous = createApiClient({ baseUrl: stage.product.baseUrl });
      await unwrap(
        anonymous.POST('/api/v1/auth/signup', {
          body: { email: viewer.email, password: VALID_PASSWORD, name: viewer.name, inviteToken: invite.inviteToken },
        }),
      );
      await viewerPage.goto('/login');
      await labelled(viewerPage, 'Email').fill(viewer.email);
      await labelled(viewerPage, 'Password').fill(VALID_PASSWORD);
      await viewerPage.getByRole('button', { name: 'Log in' }).click();
      await viewerPage.waitForURL(`**/o/${slug}`);

      await openFromNav(viewerPage, 'Settings', `/o/${slug}/settings`);
      await labelled(viewerPage, 'Organization name').waitFor();
      expect(await labelled(viewerPage, 'Organization name').isDisabled()).toBe(true);
      expect(await labelled(viewerPage, 'Slug').isDisabled()).toBe(true);
      expect(await viewerPage.getByRole('button', { name: 'Save changes' }).count()).toBe(0);
      expect(await viewerPage.getByRole('button', { name: 'Download export' }).count()).toBe(0);
      expect(await viewerPage.getByRole('button', { name: 'Delete organization' }).count()).toBe(0);
      await viewerPage.getByText('Only owners and admins can change the name, address and logo.').waitFor();

      // Steps the role cannot take are listed without a link.
      await goHome(viewerPage, organizationName);
      const checklist = viewerPage.getByRole('list', { name: 'Getting started' });
      await checklist.getByText('Create an API key').waitFor();
      expect(await checklist.getByRole('link', { name: 'Create an API key' }).count()).toBe(0);
      expect(await viewerPage.getByTestId('onboarding-apiKeyCreated').textContent()).toContain('Your role here does not include it.');
      expect(await viewerPage.getByRole('list', { name: 'Recent activity' }).count()).toBe(0);
    });
  });

  describe('a second organization', () => {
    const second = `Second shift ${suffix}`;
    let secondSlug: string;

    it('is created from the organization switcher, and opens', async () => {
      await ownerPage.goto(home());
      await switcher(ownerPage, organizationName).click();
      await ownerPage.getByRole('menuitem', { name: 'Create organization' }).click();
      const dialog = ownerPage.getByRole('dialog', { name: 'Create an organization' });
      await dialog.getByRole('button', { name: 'Create organization' }).click();
      await dialog.getByText('Name your organization').waitFor();

      await dialog.getByLabel('Organization name').fill(second);
      await dialog.getByRole('button', { name: 'Create organization' }).click();
      await ownerPage.getByRole('heading', { level: 1, name: second }).waitFor();
      secondSlug = new URL(ownerPage.url()).pathname.split('/').pop() as string;
      expect(secondSlug).not.toBe(slug);
      expect(await ownerPage.getByTestId('member-role').textContent()).toBe('Owner');
      await switcher(ownerPage, second).click();
      const menu = ownerPage.getByRole('menu');
      await menu.getByRole('menuitem', { name: organizationName }).waitFor();
      await ownerPage.keyboard.press('Escape');
    });

    it('is deleted only once its slug is typed, and the owner lands in the other one', async () => {
      await openFromNav(ownerPage, 'Settings', `/o/${secondSlug}/settings`);
      await ownerPage.getByRole('button', { name: 'Delete organization' }).click();
      const dialog = ownerPage.getByRole('dialog', { name: `Delete ${second}?` });
      const confirm = dialog.getByRole('button', { name: 'Delete this organization' });
      expect(await confirm.isDisabled()).toBe(true);
      await dialog.getByLabel(`Type ${secondSlug} to confirm`).fill(second);
      expect(await confirm.isDisabled()).toBe(true);
      await dialog.getByLabel(`Type ${secondSlug} to confirm`).fill(secondSlug);
      expect(await confirm.isEnabled()).toBe(true);
      const sawNotFound = await watchForText(ownerPage, 'Organization not found');
      await confirm.click();

      await ownerPage.waitForURL(`**/o/${slug}`);
      expect(await sawNotFound()).toBe(false);
      await ownerPage.getByRole('heading', { level: 1, name: organizationName }).waitFor();
      await switcher(ownerPage, organizationName).click();
      await ownerPage.getByRole('menuitem', { name: 'Create organization' }).waitFor();
      expect(await ownerPage.getByRole('menuitem', { name: second }).count()).toBe(0);
      await ownerPage.keyboard.press('Escape');
    });

    it('sends someone whose last organization is deleted to the screen that starts one', async () => {
      const context = await stage.newContext();
      try {
        const page = await context.newPage();
        const loner = { email: uniqueEmail('ida'), name: 'Ida Rhodes', organization: `Solo ${suffix}` };
        await signUp(page, loner);
        const lonerSlug = new URL(page.url()).pathname.split('/').pop() as string;
        await openFromNav(page, 'Settings', `/o/${lonerSlug}/settings`);
        await page.getByRole('button', { name: 'Delete organization' }).click();
        await page.getByLabel(`Type ${lonerSlug} to confirm`).fill(lonerSlug);
        await page.getByRole('button', { name: 'Delete this organization' }).click();
        await page.getByRole('heading', { level: 1, name: 'No organization yet' }).waitFor();

        await labelled(page, 'Organization name').fill(`Fresh start ${suffix}`);
        await page.getByRole('button', { name: 'Create organization' }).click();
        await page.getByRole('heading', { level: 1, name: `Fresh start ${suffix}` }).waitFor();
      } finally {
        await context.close();
      }
    });
  });

  describe('account settings', () => {
    it('changes the name shown to other members', async () => {
      await ownerPage.goto(`${home()}/settings/account`);
      const form = ownerPage.getByRole('form', { name: 'Profile' });
      await form.getByLabel(/^Your name/).fill('Grace Brewster Hopper');
      await form.getByRole('button', { name: 'Save name' }).click();
      await ownerPage.getByText('Name saved').waitFor();
      await ownerPage.getByTestId('signed-in-user').filter({ hasText: 'Grace Brewster Hopper' }).waitFor();
    });

    it('lists the signed-in devices and signs another one out', async () => {
      await signedInApi(stage.product.baseUrl, owner.email, ownerPassword);
      await ownerPage.reload();
      const devices = ownerPage.getByRole('table', { name: 'Signed-in devices' });
      await devices.waitFor();
      await devices.getByText('This device').waitFor();
      const rows = devices.locator('tbody tr');
      const before = await rows.count();
      expect(before).toBeGreaterThanOrEqual(2);

      const other = rows.filter({ hasNotText: 'This device' }).first();
      await other.getByRole('button', { name: /^Sign out/ }).click();
      await ownerPage.getByText('Device signed out').waitFor();
      await waitUntil(async () => (await rows.count()) === before - 1, 'one device fewer');
    });

    it('changes the password; the current password is checked, and other devices are signed out', async () => {
      const elsewhere = await signedInApi(stage.product.baseUrl, owner.email, ownerPassword);
      const form = ownerPage.getByRole('form', { name: 'Change password' });
      await form.getByLabel(/^Current password/).fill('not-the-password-1');
      await form.getByLabel(/^New password \*?$/).fill(NEW_PASSWORD);
      await form.getByLabel(/^New password, again/).fill(NEW_PASSWORD);
      await form.getByRole('button', { name: 'Change password' }).click();
      await waitUntil(async () => (await errorOf(form.getByLabel(/^Current password/))) !== null, 'the refusal beside the field');
      expect(await ownerPage.getByText('Password changed').count()).toBe(0);

      await form.getByLabel(/^Current password/).fill(ownerPassword);
      await form.getByRole('button', { name: 'Change password' }).click();
      await ownerPage.getByText('Password changed').waitFor();
      ownerPassword = NEW_PASSWORD;

      // The other session ends at once; the new password opens a new one; this page stays signed in.
      const refused = await elsewhere.GET('/api/v1/auth/me');
      expect(refused.response.status).toBe(401);
      await signedInApi(stage.product.baseUrl, owner.email, NEW_PASSWORD);
      await ownerPage.reload();
      await ownerPage.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    });

    it('changes the email address once the link mailed to the new one is opened', async () => {
      const newEmail = uniqueEmail('grace-new');
      const form = ownerPage.getByRole('form', { name: 'Change email address' });
      await form.getByLabel(/^New email address/).fill(newEmail);
      await form.getByLabel(/^Current password/).fill(ownerPassword);
      await form.getByRole('button', { name: 'Send confirmation link' }).click();
      await ownerPage.getByText('Check your inbox').waitFor();

      const mail = await inbox.waitFor(newEmail, /./);
      const link = mail.text.match(/https?:\/\/\S+\/confirm-email\?token=\S+/)?.[0];
      expect(link?.startsWith(`${stage.product.baseUrl}/confirm-email?token=`)).toBe(true);
      await ownerPage.goto(link as string);
      await ownerPage.getByText('Email address changed').waitFor();
      owner.email = newEmail;

      // Signed in still: the link leads back into the organization (wait for it: leaving mid-refresh would spend the token twice).
      await ownerPage.getByRole('link', { name: 'Continue to your dashboard' }).click();
      await ownerPage.getByRole('heading', { level: 1, name: organizationName }).waitFor();
      await ownerPage.goto(`${home()}/settings/account`);
      await ownerPage.getByText(`You sign in as ${newEmail}`).waitFor();
      await ownerPage.screenshot({ path: ACCOUNT_SCREENSHOT, fullPage: true });
    });

    it('refuses to delete the account while its owner has members to hand over to, and says so', async () => {
      await ownerPage.getByRole('button', { name: 'Delete account' }).click();
      const dialog = ownerPage.getByRole('dialog', { name: 'Delete your account?' });
      const confirm = dialog.getByRole('button', { name: 'Delete my account' });
      await dialog.getByLabel(/^Password/).fill(ownerPassword);
      expect(await confirm.isDisabled()).toBe(true);
      await dialog.getByLabel(`Type ${owner.email} to confirm`).fill(owner.email);
      expect(await confirm.isEnabled()).toBe(true);
      await confirm.click();

      const conflict = dialog.getByRole('alert').filter({ hasText: 'Transfer ownership first' });
      await conflict.waitFor();
      expect(await conflict.getByRole('link', { name: `Members of ${organizationName}` }).getAttribute('href')).toBe(`${home()}/members`);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
    });

    it('deletes the account once nobody depends on it, and signs out', async () => {
      const viewerApi = await signedInApi(stage.product.baseUrl, viewer.email, VALID_PASSWORD);
      await unwrap(viewerApi.POST('/api/v1/organizations/{id}/leave', { params: { path: { id: organizationId } } }));

      await ownerPage.getByRole('button', { name: 'Delete account' }).click();
      const dialog = ownerPage.getByRole('dialog', { name: 'Delete your account?' });
      await dialog.getByLabel(/^Password/).fill(ownerPassword);
      await dialog.getByLabel(`Type ${owner.email} to confirm`).fill(owner.email);
      await dialog.getByRole('button', { name: 'Delete my account' }).click();
      await ownerPage.getByText('Account deleted').waitFor();
      await ownerPage.getByRole('heading', { level: 1, name: /foundation/i }).waitFor();
      expect(new URL(ownerPage.url()).pathname).toBe('/');

      const anonymous = createApiClient({ baseUrl: stage.product.baseUrl });
      const login = await anonymous.POST('/api/v1/auth/login', { body: { email: owner.email, password: ownerPassword } });
      expect(login.response.status).toBe(401);
    });
  });
});

const STEPS = ['emailVerified', 'siteCreated', 'postWritten', 'colleagueInvited', 'apiKeyCreated', 'apiCalled'] as const;

function stepState(page: Page, step: (typeof STEPS)[number]): Promise<string | null> {
  return page.getByTestId(`onboarding-${step}`).getAttribute('data-done');
}

/** Waits until the API has reported the step (done or not): the checklist shows it with a definite state. */
async function waitForStep(page: Page, step: (typeof STEPS)[number], done: boolean): Promise<void> {
  await page.locator(`[data-testid="onboarding-${step}"][data-done="${done}"]`).waitFor();
  await page.getByLabel('Checking your progress').waitFor({ state: 'detached' });
}

/** The organization switcher in the header, named by the current organization. */
function switcher(page: Page, organizationName: string): Locator {
  return page.getByRole('banner').getByRole('button', { name: organizationName });
}

/** Back to the organization's home through the navbar. */
async function goHome(page: Page, organizationName: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name: 'Dashboard', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: organizationName }).waitFor();
}

/** The error announced for an input (aria-invalid + aria-describedby), for forms where a label appears twice on the page. */
async function errorOf(input: Locator): Promise<string | null> {
  if ((await input.getAttribute('aria-invalid')) !== 'true') return null;
  const errorId = ((await input.getAttribute('aria-describedby')) ?? '').split(/\s+/).find((id) => id.endsWith('-error'));
  return errorId ? input.page().locator(`[id="${errorId}"]`).textContent() : null;
}

/** Starts watching the page for `text`, however briefly shown; the returned function tells whether it appeared. */
async function watchForText(page: Page, text: string): Promise<() => Promise<boolean>> {
  const flag = `seen${Math.random().toString(36).slice(2)}`;
  await page.evaluate(
    ({ text, flag }) => {
      const seen = () => document.body.innerText.includes(text);
      const observer = new MutationObserver(() => {
        if (seen()) {
          document.body.dataset[flag] = 'true';
          observer.disconnect();
        }
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    },
    { text, flag },
  );
  return async () => await page.evaluate((name) => document.body.dataset[name] === 'true', flag);
}

async function waitUntil(condition: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
