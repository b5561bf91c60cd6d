import { uniqueEmail, VALID_PASSWORD } from '@plinth/testing';
import type { Page } from 'playwright-core';
import { signedInApi } from './support/api';
import { TEST_BASE_DOMAIN } from './support/chromium';
import { labelled } from './support/labelled';
import { signUp } from './support/sign-up';
import { twoPeople } from './support/two-people';
import { unwrap } from '@plinth/api-client';

/**
 * With BASE_DOMAIN set, `<slug>.<BASE_DOMAIN>` is that organization's own
 * address (issue 11): signing in there opens it even when the person's
 * session elsewhere acts for another, and the others open on their hosts.
 */
describe('an organization on its own host', () => {
  const owner = { email: uniqueEmail('ada'), name: 'Ada Lovelace', organization: `Engines ${Date.now().toString(36)}` };
  const stage = twoPeople();
  let page: Page;
  let first: { name: string; slug: string };
  let second: { name: string; slug: string };

  const hostUrl = (slug: string, path: string) => {
    const { port } = new URL(stage.product.baseUrl);
    return `http://${slug}.${TEST_BASE_DOMAIN}:${port}${path}`;
  };

  beforeAll(async () => {
    [page] = stage.pages;
    await signUp(page, owner);
    const api = await signedInApi(stage.product.baseUrl, owner.email, VALID_PASSWORD);
    first = { name: owner.organization, slug: new URL(page.url()).pathname.split('/').pop() as string };
    const created = await unwrap(api.POST('/api/v1/organizations', { body: { name: `Analytical ${Date.now().toString(36)}` } }));
    second = { name: created.name, slug: created.slug };
    // Sites in each organization tell them apart on the page.
    for (const [organization, site] of [
      [first, 'Difference Engine'],
      [second, 'Analytical Engine'],
    ] as const) {
      await unwrap(api.POST('/api/v1/sites', { body: { name: site }, headers: { 'X-Organization-Id': organization.slug } }));
    }
  });

  it('signs in on the second organization’s host and works in it, not in the first', async () => {
    const context = await stage.newContext();
    const onHost = await context.newPage();
    await onHost.goto(hostUrl(second.slug, '/login'));
    await labelled(onHost, 'Email').fill(owner.email);
    await labelled(onHost, 'Password').fill(VALID_PASSWORD);
    await onHost.getByRole('button', { name: 'Log in' }).click();
    await onHost.waitForURL(hostUrl(second.slug, `/o/${second.slug}`));
    await onHost.getByRole('heading', { level: 1, name: second.name }).waitFor();

    await onHost.goto(hostUrl(second.slug, `/o/${second.slug}/sites`));
    await onHost.getByText('Analytical Engine').waitFor();
    expect(await onHost.getByText('Difference Engine').count()).toBe(0);
    page = onHost;
  });

  it('opens the other organization on its own host from the switcher', async () => {
    await page.getByRole('button', { name: second.name }).click();
    const other = page.getByRole('menuitem', { name: new RegExp(first.name) });
    expect(await other.getAttribute('href')).toBe(hostUrl(first.slug, `/o/${first.slug}`));
  });

  it('says where another organization lives instead of failing on its pages', async () => {
    await page.goto(hostUrl(second.slug, `/o/${first.slug}/sites`));
    await page.getByRole('heading', { level: 1, name: `${first.name} has its own address` }).waitFor();
    const open = page.getByRole('link', { name: `Open ${first.name}` });
    expect(await open.getAttribute('href')).toBe(hostUrl(first.slug, `/o/${first.slug}`));
  });
});
