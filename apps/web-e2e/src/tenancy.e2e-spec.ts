import { Inbox, uniqueEmail, VALID_PASSWORD } from '@plinth/testing';
import { unwrap } from '@plinth/api-client';
import type { Page } from 'playwright-core';
import { signedInApi } from './support/api';
import { fieldError } from './support/field-error';
import { labelled } from './support/labelled';
import { navLinkNames, openFromNav } from './support/organization-nav';
import { countRequests } from './support/request-count';
import { signUp } from './support/sign-up';
import { twoPeople } from './support/two-people';
import { waitForCount } from './support/wait-for-count';

const MEMBERS_SCREENSHOT = '/tmp/plinth-members.png';
const USAGE_SCREENSHOT = '/tmp/plinth-usage.png';

/**
 * Two people's path through an organization: an owner invites a colleague,
 * the colleague joins through the mailed link, the owner promotes them,
 * creates an API key and reaches the Free plan's user limit. The steps run
 * in order; each person keeps their own browser context.
 */
describe('an organization with a colleague', () => {
  const inbox = new Inbox();
  const owner = {
    email: uniqueEmail('grace'),
    name: 'Grace Hopper',
    organization: `Compilers ${Date.now().toString(36)}`,
  };
  const colleague = { email: uniqueEmail('alan'), name: 'Alan Turing' };
  const stage = twoPeople();
  let organizationPath: string;
  let inviteLink: string;
  let ownerPage: Page;
  let colleaguePage: Page;

  beforeAll(() => {
    [ownerPage, colleaguePage] = stage.pages;
  });

  it('lets the owner invite a colleague from the members page, with problems shown beside the address', async () => {
    await signUp(ownerPage, owner);
    organizationPath = new URL(ownerPage.url()).pathname;
    await openFromNav(ownerPage, 'Members', `${organizationPath}/members`);
    expect(await memberRow(ownerPage, owner.email).textContent()).toContain('Owner');

    const invites = countRequests(ownerPage, 'POST', /\/invites$/);
    const inviteForm = ownerPage.getByRole('form', { name: 'Invite someone' });
    await labelled(ownerPage, 'Email').fill('alan-at-example');
    await inviteForm.getByRole('button', { name: 'Send invite' }).click();
    await ownerPage.getByText('Enter a valid email address').waitFor();
    expect(await fieldError(ownerPage, 'Email')).toBe('Enter a valid email address');
    expect(invites()).toBe(0);

    await labelled(ownerPage, 'Email').fill(owner.email);
    await inviteForm.getByRole('button', { name: 'Send invite' }).click();
    await ownerPage.getByText('This person is already a member').waitFor();
    expect(await fieldError(ownerPage, 'Email')).toBe('This person is already a member');
    expect(invites()).toBe(1);

    await labelled(ownerPage, 'Email').fill(colleague.email);
    await inviteForm.getByLabel('Role').selectOption('editor');
    await inviteForm.getByRole('button', { name: 'Send invite' }).click();
    const pendingInvites = ownerPage.getByRole('table', { name: 'Pending invitations' });
    const pending = pendingInvites.getByRole('row', { name: colleague.email });
    await pending.waitFor();
    expect(await pending.textContent()).toContain('Editor');
    expect(invites()).toBe(2);
  });

  it('mails the colleague a link to the invitation page', async () => {
    const mail = await inbox.waitFor(colleague.email, /invited you to/i);
    inviteLink = mail.text.match(/https?:\/\/\S+\/invites\/[\w-]+/)?.[0] ?? '';
    expect(inviteLink.startsWith(`${stage.product.baseUrl}/invites/`)).toBe(true);
  });

  it('shows the signed-out colleague the invitation and a signup form with the invited address', async () => {
    await colleaguePage.goto(inviteLink);
    await colleaguePage.getByRole('heading', { level: 1, name: `Join ${owner.organization}` }).waitFor();
    expect(await colleaguePage.getByTestId('invite-role').textContent()).toBe('Editor');
    expect(await colleaguePage.getByTestId('invite-invited-by').textContent()).toBe(owner.name);
    expect(await colleaguePage.getByTestId('invite-for').textContent()).toBe(colleague.email);

    // The signup form is the invitation's own: the invited address, no organization to name.
    expect(await labelled(colleaguePage, 'Email').inputValue()).toBe(colleague.email);
    expect(await labelled(colleaguePage, 'Organization name').count()).toBe(0);
    await labelled(colleaguePage, 'Password').fill(VALID_PASSWORD);
    await labelled(colleaguePage, 'Your name').fill(colleague.name);
    await colleaguePage.getByRole('button', { name: `Sign up and join ${owner.organization}` }).click();
  });

  it('lands the new account in the organization as an editor', async () => {
    await colleaguePage.waitForURL(`**${organizationPath}`);
    await colleaguePage.getByRole('heading', { level: 1, name: owner.organization }).waitFor();
    expect(await colleaguePage.getByTestId('member-role').textContent()).toBe('Editor');
  });

  it('shows the editor only the pages an editor may open', async () => {
    expect(await navLinkNames(colleaguePage)).toEqual(['Dashboard', 'Sites', 'Members', 'Usage', 'Settings']);

    await openFromNav(colleaguePage, 'Members', `${organizationPath}/members`);
    await memberRow(colleaguePage, owner.email).waitFor();
    expect(await colleaguePage.getByRole('form', { name: 'Invite someone' }).count()).toBe(0);
    expect(await colleaguePage.getByRole('combobox', { name: /^Role of / }).count()).toBe(0);

    await colleaguePage.goto(`${organizationPath}/api-keys`);
    await colleaguePage.getByRole('heading', { name: 'You cannot open this page' }).waitFor();
  });

  it('answers a used or unknown invitation link with a clear message', async () => {
    await colleaguePage.goto(inviteLink);
    expect(await inviteUnavailable(colleaguePage)).toContain('This invitation has already been accepted');
    await colleaguePage.goto('/invites/no-such-invitation');
    expect(await inviteUnavailable(colleaguePage)).toContain('This invitation link does not work');
  });

  it("lets the owner change the colleague's role, which widens the colleague's navigation", async () => {
    await ownerPage.reload();
    const roleSelect = ownerPage.getByRole('combobox', { name: `Role of ${colleague.name}` });
    expect(await roleSelect.inputValue()).toBe('editor');
    await roleSelect.selectOption('admin');
    await ownerPage.getByText(`${colleague.name} is now Admin.`).waitFor();
    await ownerPage.reload();
    expect(await roleSelect.inputValue()).toBe('admin');

    await colleaguePage.goto(organizationPath);
    expect(await colleaguePage.getByTestId('member-role').textContent()).toBe('Admin');
    expect(await navLinkNames(colleaguePage)).toEqual([
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
  });

  it('reveals a new API key once, then lists only its prefix', async () => {
    await openFromNav(ownerPage, 'API keys', `${organizationPath}/api-keys`);
    await labelled(ownerPage, 'Name').fill('CI deploys');
    await ownerPage.getByRole('form', { name: 'Create an API key' }).getByLabel('Role').selectOption('publisher');
    await ownerPage.getByRole('button', { name: 'Create key' }).click();

    const key = (await ownerPage.getByTestId('revealed-api-key').textContent()) ?? '';
    expect(key).toMatch(/^plk_\S{20,}$/);
    await ownerPage.getByRole('button', { name: 'Copy the key' }).waitFor();
    const row = ownerPage.getByRole('table', { name: 'API keys' }).getByRole('row', { name: /CI deploys/ });
    await row.waitFor();
    const prefix = ((await row.getByTestId('api-key-prefix').textContent()) ?? '').replace(/…$/, '');
    expect(prefix).toMatch(/^plk_/);
    expect(key.startsWith(prefix) && key.length > prefix.length).toBe(true);
    expect(await row.textContent()).toContain('Publisher');
    expect(await row.textContent()).toContain('Never');

    await ownerPage.getByRole('button', { name: 'I have stored it' }).click();
    await ownerPage.getByTestId('revealed-api-key').waitFor({ state: 'detached' });
    expect(await ownerPage.content()).not.toContain(key);
    await ownerPage.reload();
    await row.waitFor();
    expect(await ownerPage.content()).not.toContain(key);
    expect(await row.getByTestId('api-key-prefix').textContent()).toBe(`${prefix}…`);
  });

  it('lists the changes in the audit log, newest first, and filters them by action', async () => {
    await openFromNav(ownerPage, 'Audit log', `${organizationPath}/audit`);
    const actions = ownerPage.getByRole('table', { name: 'Audit log' }).locator('tbody tr td:nth-child(2)');
    await actions.first().waitFor();
    const all = await actions.allTextContents();
    expect(all[0]).toBe('api_key.created');
    expect(all).toEqual(expect.arrayContaining(['member.role_changed', 'member.joined', 'invite.created']));
    expect(all.indexOf('member.role_changed')).toBeLessThan(all.indexOf('member.joined'));

    await labelled(ownerPage, 'Action').fill('member.joined');
    await ownerPage.getByRole('button', { name: 'Apply' }).click();
    // The previous list stays on screen until the filtered one arrives.
    await ownerPage.waitForFunction(() => document.querySelectorAll('table[aria-label="Audit log"] tbody tr').length === 1);
    expect(await actions.allTextContents()).toEqual(['member.joined']);
    expect(await ownerPage.getByRole('table', { name: 'Audit log' }).textContent()).toContain(colleague.email);
  });

  it('shows users 2 of 2 on the Free plan, beside the plan catalog', async () => {
    await openFromNav(ownerPage, 'Usage', `${organizationPath}/usage`);
    await ownerPage.getByTestId('usage-users').waitFor();
    expect(await ownerPage.getByTestId('usage-users').textContent()).toBe('2 of 2');
    expect(await ownerPage.getByRole('progressbar', { name: 'Users' }).getAttribute('aria-valuenow')).toBe('100');
    expect(await ownerPage.getByTestId('usage-plan').textContent()).toBe('Free');
    expect(await ownerPage.getByTestId('usage-storage').textContent()).toBe('0 bytes of 500 MB');

    const planNames = (await (await fetch(`${stage.product.baseUrl}/api/v1/billing/plans`)).json()).data.map(
      (plan: { name: string }) => plan.name,
    );
    const headings = await ownerPage.getByRole('table', { name: 'Plans' }).getByRole('columnheader').allInnerTexts();
    expect(headings.slice(1).map((heading) => heading.split('\n')[0])).toEqual(planNames);
    await ownerPage.screenshot({ path: USAGE_SCREENSHOT, fullPage: true });
  });

  it('answers a further invitation with the upgrade message', async () => {
    await openFromNav(ownerPage, 'Members', `${organizationPath}/members`);
    await labelled(ownerPage, 'Email').fill(uniqueEmail('ada'));
    await ownerPage.getByRole('button', { name: 'Send invite' }).click();
    const upgrade = ownerPage.getByTestId('upgrade-alert');
    await upgrade.waitFor();
    expect(await upgrade.innerText()).toContain('The Free plan allows 2 users');
    const upgradeLink = await upgrade.getByRole('link', { name: 'Compare plans and upgrade' }).getAttribute('href');
    expect(upgradeLink).toBe(`${organizationPath}/billing`);
    await ownerPage.getByText('No pending invitations.').waitFor();
    await ownerPage.screenshot({ path: MEMBERS_SCREENSHOT, fullPage: true });
  });

  it('pages through long lists with "Load more"', async () => {
    const api = await signedInApi(stage.product.baseUrl, owner.email, VALID_PASSWORD);
    const organization = { headers: { 'X-Organization-Id': organizationPath.split('/').pop() as string } };
    for (let n = 1; n <= 21; n += 1) {
      await unwrap(api.POST('/api/v1/api-keys', { body: { name: `Batch key ${n}`, role: 'viewer' }, ...organization }));
    }

    // A fresh load: the keys were made behind the page's back, and its cached list is still fresh for 30 s.
    await ownerPage.goto(`${organizationPath}/api-keys`);
    const keyRows = ownerPage.getByRole('table', { name: 'API keys' }).locator('tbody tr');
    await waitForCount(keyRows, 20);
    await ownerPage.getByRole('button', { name: 'Load more' }).click();
    await waitForCount(keyRows, 22);
    const names = (await keyRows.locator('td:first-child p:first-child').allTextContents()).reverse();
    expect(names).toEqual(['CI deploys', ...Array.from({ length: 21 }, (_, i) => `Batch key ${i + 1}`)]);
    expect(await ownerPage.getByRole('button', { name: 'Load more' }).count()).toBe(0);

    await openFromNav(ownerPage, 'Audit log', `${organizationPath}/audit`);
    const auditRows = ownerPage.getByRole('table', { name: 'Audit log' }).locator('tbody tr');
    await waitForCount(auditRows, 20);
    await ownerPage.getByRole('button', { name: 'Load more' }).click();
    await ownerPage.getByRole('button', { name: 'Load more' }).waitFor({ state: 'detached' });
    const entries = await auditRows.allInnerTexts();
    expect(entries.length).toBeGreaterThan(20);
    expect(new Set(entries).size).toBe(entries.length);
    expect(entries.at(-1)).toContain('organization.created');
  });

  it('offers the plans publicly at /pricing, linked from the landing page', async () => {
    const visitor = await stage.newContext();
    try {
      const page = await visitor.newPage();
      await page.goto('/');
      await page.getByRole('link', { name: 'See pricing' }).click();
      await page.waitForURL('**/pricing');
      await page.getByRole('heading', { level: 1, name: 'Plans and pricing' }).waitFor();
      const table = page.getByRole('table', { name: 'Plans' });
      await table.waitFor();
      expect(await table.getByRole('row', { name: /^Users/ }).innerText()).toMatch(/^Users\s+2\s+5\s+20\s+Unlimited$/);
    } finally {
      await visitor.close();
    }
  });

  it('lets someone whose only organization is gone start a new one', async () => {
    const loner = await stage.newContext();
    try {
      const page = await loner.newPage();
      const person = { email: uniqueEmail('ada'), name: 'Ada Lovelace', organization: `Engines ${Date.now().toString(36)}` };
      await signUp(page, person);
      const client = await signedInApi(stage.product.baseUrl, person.email, VALID_PASSWORD);
      const [membership] = (await unwrap(client.GET('/api/v1/organizations'))) as Array<{ id: string }>;
      await unwrap(client.DELETE('/api/v1/organizations/{id}', { params: { path: { id: membership.id } } }));

      await page.goto('/o');
      await page.getByRole('heading', { level: 1, name: 'No organization yet' }).waitFor();
      await page.getByRole('button', { name: 'Create organization' }).click();
      expect(await fieldError(page, 'Organization name')).toBe('Name your organization');
      await labelled(page, 'Organization name').fill('Second Home');
      await page.getByRole('button', { name: 'Create organization' }).click();
      await page.waitForURL(/\/o\/second-home[a-z0-9-]*$/);
      await page.getByRole('heading', { level: 1, name: 'Second Home' }).waitFor();
      expect(await page.getByRole('button', { name: 'Log out' }).count()).toBe(1);
    } finally {
      await loner.close();
    }
  });
});

function memberRow(page: Page, email: string) {
  return page.getByRole('table', { name: 'Members' }).getByRole('row', { name: email });
}

async function inviteUnavailable(page: Page): Promise<string> {
  const alert = page.getByTestId('invite-unavailable');
  await alert.waitFor();
  return alert.innerText();
}
