import { type ApiClient, createApiClient, unwrap } from '@plinth/api-client';
import { uniqueEmail, VALID_PASSWORD } from '@plinth/testing';
import type { Locator, Page } from 'playwright-core';
import { signedInApi } from './support/api';
import { fieldError } from './support/field-error';
import { labelled } from './support/labelled';
import { navLinkNames, openFromNav } from './support/organization-nav';
import { onePixelPng } from './support/png';
import { countRequests } from './support/request-count';
import { signUp } from './support/sign-up';
import { twoPeople } from './support/two-people';
import { waitForCount } from './support/wait-for-count';

const SITE_SCREENSHOT = '/tmp/plinth-site.png';
const FREE_POSTS_PER_SITE = 20;

type OrganizationHeader = { headers: { 'X-Organization-Id': string } };

/**
 * The reference product through the SPA: an owner makes a site, writes
 * posts up to the Free plan's limit, publishes one and manages media; a
 * viewer then reads it all without a way to change it. The steps run in
 * order; each person keeps their own browser context.
 */
describe('a site with posts and media', () => {
  const owner = {
    email: uniqueEmail('hedy'),
    name: 'Hedy Lamarr',
    organization: `Frequencies ${Date.now().toString(36)}`,
  };
  const viewer = { email: uniqueEmail('katherine'), name: 'Katherine Johnson', organization: 'Orbits' };
  const png = onePixelPng(0x4c, 0x6e, 0xf5);
  const stage = twoPeople();
  let organizationPath: string;
  let sitePath: string;
  let ownerPage: Page;
  let viewerPage: Page;

  beforeAll(() => {
    [ownerPage, viewerPage] = stage.pages;
  });

  /** The owner's API session, with the organization named the way the SPA names it. */
  async function ownerApi(): Promise<{ api: ApiClient; organization: OrganizationHeader }> {
    const api = await signedInApi(stage.product.baseUrl, owner.email, VALID_PASSWORD);
    return { api, organization: { headers: { 'X-Organization-Id': organizationPath.split('/').pop() as string } } };
  }

  it('lets the owner create a site from the sites page, checking the name before sending', async () => {
    await signUp(ownerPage, owner);
    organizationPath = new URL(ownerPage.url()).pathname;
    await openFromNav(ownerPage, 'Sites', `${organizationPath}/sites`);
    await ownerPage.getByText('No sites yet.').waitFor();

    const creates = countRequests(ownerPage, 'POST', /\/api\/v1\/sites$/);
    await ownerPage.getByRole('button', { name: 'Create site' }).click();
    await ownerPage.getByText('Name the site').waitFor();
    expect(await fieldError(ownerPage, 'Site name')).toBe('Name the site');
    expect(creates()).toBe(0);

    await labelled(ownerPage, 'Site name').fill('Field notes');
    await ownerPage.getByRole('button', { name: 'Create site' }).click();
    const row = siteRow(ownerPage, 'Field notes');
    await row.waitFor();
    expect(creates()).toBe(1);
    expect(await row.innerText()).toContain('None');
    // The Free plan has no custom domains, so the form does not offer one.
    expect(await labelled(ownerPage, 'Domain').count()).toBe(0);
  });

  it('answers a second site with the upgrade message: the Free plan allows one', async () => {
    await labelled(ownerPage, 'Site name').fill('Second thoughts');
    await ownerPage.getByRole('button', { name: 'Create site' }).click();
    const upgrade = ownerPage.getByTestId('upgrade-alert');
    await upgrade.waitFor();
    expect(await upgrade.innerText()).toContain('The Free plan allows 1 site, and you have 1.');
    // The owner can change the plan: the link leads to the organization's billing page.
    expect(await upgrade.getByRole('link', { name: 'Compare plans and upgrade' }).getAttribute('href')).toBe(`${organizationPath}/billing`);
    expect(await ownerPage.getByRole('table', { name: 'Sites' }).locator('tbody tr').count()).toBe(1);
  });

  it('renames the site in a dialog', async () => {
    await ownerPage.getByRole('button', { name: 'Edit Field notes' }).click();
    const dialog = ownerPage.getByRole('dialog', { name: 'Edit “Field notes”' });
    await dialog.getByLabel(/^Site name/).fill('Lab notes');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await siteRow(ownerPage, 'Lab notes').waitFor();
    expect(await siteRow(ownerPage, 'Field notes').count()).toBe(0);
    expect(await ownerPage.getByRole('button', { name: 'Delete Lab notes' }).count()).toBe(1);
  });

  it("opens the site with its post count against the plan's per-site limit", async () => {
    await ownerPage.getByRole('link', { name: 'Lab notes' }).click();
    await ownerPage.getByRole('heading', { level: 1, name: 'Lab notes' }).waitFor();
    sitePath = new URL(ownerPage.url()).pathname;
    expect(sitePath).toMatch(new RegExp(`^${organizationPath}/sites/[0-9a-f-]{36}$`));
    await expectSitePosts(ownerPage, `0 of ${FREE_POSTS_PER_SITE}`);
    await ownerPage.getByText('No posts yet.').waitFor();
    await ownerPage.getByText('No media yet.').waitFor();
    // Still "Sites" in the navbar: the site belongs to that page.
    const sitesLink = ownerPage.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name: 'Sites' });
    expect(await sitesLink.getAttribute('aria-current')).toBe('page');
  });

  it('writes posts until the 20-post limit answers with the upgrade message', async () => {
    const { api, organization } = await ownerApi();
    const siteId = sitePath.split('/').pop() as string;
    for (let n = 1; n < FREE_POSTS_PER_SITE; n += 1) {
      await unwrap(
        api.POST('/api/v1/sites/{siteId}/posts', {
          params: { path: { siteId } },
          body: { title: `Batch post ${n}`, body: `Body ${n}` },
          ...organization,
        }),
      );
    }
    // A fresh load: the posts were made behind the page's back.
    await ownerPage.reload();
    await expectSitePosts(ownerPage, `19 of ${FREE_POSTS_PER_SITE}`);
    await waitForCount(postRows(ownerPage), 19);

    const creates = countRequests(ownerPage, 'POST', /\/posts$/);
    await ownerPage.getByRole('button', { name: 'Save draft' }).click();
    await ownerPage.getByText('Give the post a title').waitFor();
    expect(await fieldError(ownerPage, 'Title')).toBe('Give the post a title');
    expect(creates()).toBe(0);

    await labelled(ownerPage, 'Title').fill('Twentieth post');
    await labelled(ownerPage, 'Body').fill('Written in the browser.');
    await ownerPage.getByRole('button', { name: 'Save draft' }).click();
    await postRow(ownerPage, 'Twentieth post').waitFor();
    await expectSitePosts(ownerPage, `20 of ${FREE_POSTS_PER_SITE}`);
    expect(await postRows(ownerPage).first().innerText()).toContain('Twentieth post');
    expect(await labelled(ownerPage, 'Title').inputValue()).toBe('');

    await labelled(ownerPage, 'Title').fill('Twenty-first post');
    await ownerPage.getByRole('button', { name: 'Save draft' }).click();
    const upgrade = ownerPage.getByTestId('upgrade-alert');
    await upgrade.waitFor();
    expect(await upgrade.innerText()).toContain('The Free plan allows 20 posts in each site, and you have 20.');
    expect(creates()).toBe(2);
    expect(await postRow(ownerPage, 'Twenty-first post').count()).toBe(0);
    await expectSitePosts(ownerPage, `20 of ${FREE_POSTS_PER_SITE}`);
  });

  it('publishes a draft, and the status filter tells drafts from published posts', async () => {
    const row = postRow(ownerPage, 'Twentieth post');
    expect(await row.getByTestId('post-status').innerText()).toBe('Draft');
    await row.getByRole('button', { name: 'Publish Twentieth post' }).click();
    await row
      .getByTestId('post-status')
      .filter({ hasText: /^Published$/ })
      .waitFor();
    expect(await row.getByRole('button', { name: 'Publish Twentieth post' }).count()).toBe(0);

    await showPosts(ownerPage, 'Published');
    await waitForCount(postRows(ownerPage), 1);
    expect(await postRows(ownerPage).first().innerText()).toContain('Twentieth post');
    await showPosts(ownerPage, 'Drafts');
    await waitForCount(postRows(ownerPage), 19);
    expect(await postRow(ownerPage, 'Twentieth post').count()).toBe(0);
    await showPosts(ownerPage, 'All');
    await waitForCount(postRows(ownerPage), 20);
  });

  it('edits a post with its body loaded into the dialog', async () => {
    await ownerPage.getByRole('button', { name: 'Edit Batch post 1', exact: true }).click();
    const dialog = ownerPage.getByRole('dialog', { name: 'Edit post' });
    const title = dialog.getByLabel(/^Title/);
    await title.waitFor();
    expect(await title.inputValue()).toBe('Batch post 1');
    expect(await dialog.getByLabel(/^Body/).inputValue()).toBe('Body 1');
    await title.fill('Batch post one');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await postRow(ownerPage, 'Batch post one').waitFor();
    expect(await postRow(ownerPage, 'Batch post 1').count()).toBe(0);
  });

  it('deletes a post after confirming, which frees one of the 20', async () => {
    await ownerPage.getByRole('button', { name: 'Delete Batch post one' }).click();
    const dialog = ownerPage.getByRole('dialog', { name: 'Delete this post?' });
    await dialog.getByRole('button', { name: 'Delete post' }).click();
    await dialog.waitFor({ state: 'detached' });
    await waitForCount(postRows(ownerPage), 19);
    expect(await postRow(ownerPage, 'Batch post one').count()).toBe(0);
    await expectSitePosts(ownerPage, `19 of ${FREE_POSTS_PER_SITE}`);
  });

  it('refuses a text file beside the file field, then uploads a PNG and lists it', async () => {
    await chooseFile(ownerPage, { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') });
    await ownerPage.getByRole('button', { name: 'Upload' }).click();
    await ownerPage.getByText('“notes.txt” is a text/plain file.').waitFor();
    expect(await fieldError(ownerPage, 'File')).toBe('“notes.txt” is a text/plain file. Upload a JPEG, PNG, GIF, WebP, PDF or MP4 file.');
    expect(await ownerPage.getByText('No media yet.').count()).toBe(1);

    await chooseFile(ownerPage, { name: 'pixel.png', mimeType: 'image/png', buffer: png });
    await ownerPage.getByRole('button', { name: 'Upload' }).click();
    const row = mediaRow(ownerPage, 'pixel.png');
    await row.waitFor();
    expect(await row.innerText()).toMatch(new RegExp(`^pixel\\.png\\s+PNG\\s+${png.length} bytes\\s`));
    expect(await fieldError(ownerPage, 'File')).toBeNull();

    // The confirmations close by themselves after a few seconds; until then they cover the post count.
    await ownerPage.getByText("“pixel.png” is in the site's media.").waitFor({ state: 'hidden' });
    // A full-page capture draws the fixed header wherever the page is scrolled to.
    await ownerPage.evaluate(() => window.scrollTo(0, 0));
    await ownerPage.screenshot({ path: SITE_SCREENSHOT, fullPage: true });
  });

  it('deletes the upload after confirming', async () => {
    await ownerPage.getByRole('button', { name: 'Delete pixel.png' }).click();
    const dialog = ownerPage.getByRole('dialog', { name: 'Delete this file?' });
    expect(await dialog.innerText()).toContain(`“pixel.png” (${png.length} bytes) is deleted`);
    await dialog.getByRole('button', { name: 'Delete file' }).click();
    await dialog.waitFor({ state: 'detached' });
    await ownerPage.getByText('No media yet.').waitFor();
    expect(await mediaRow(ownerPage, 'pixel.png').count()).toBe(0);
  });

  it('shows a viewer the site, its posts and media, with no controls to change them', async () => {
    const { api, organization } = await ownerApi();
    await joinAsViewer(api);
    await uploadThroughApi(api, organization, 'cover.png');

    await viewerPage.goto('/login');
    await labelled(viewerPage, 'Email').fill(viewer.email);
    await labelled(viewerPage, 'Password').fill(VALID_PASSWORD);
    await viewerPage.getByRole('button', { name: 'Log in' }).click();
    await viewerPage.getByRole('heading', { level: 1, name: viewer.organization }).waitFor();
    await viewerPage.getByRole('button', { name: viewer.organization }).click();
    await viewerPage.getByRole('menuitem', { name: owner.organization }).click();
    await viewerPage.waitForURL(`**${organizationPath}`);
    expect(await navLinkNames(viewerPage)).toEqual(['Dashboard', 'Sites', 'Members', 'Usage', 'Settings']);

    await openFromNav(viewerPage, 'Sites', `${organizationPath}/sites`);
    await siteRow(viewerPage, 'Lab notes').waitFor();
    expect(await viewerPage.getByRole('form', { name: 'Create a site' }).count()).toBe(0);
    expect(await viewerPage.getByRole('table', { name: 'Sites' }).getByRole('button').count()).toBe(0);

    await viewerPage.getByRole('link', { name: 'Lab notes' }).click();
    await viewerPage.waitForURL(`**${sitePath}`);
    await waitForCount(postRows(viewerPage), 19);
    await expectSitePosts(viewerPage, `19 of ${FREE_POSTS_PER_SITE}`);
    await mediaRow(viewerPage, 'cover.png').waitFor();
    expect(await viewerPage.getByRole('form', { name: 'Write a post' }).count()).toBe(0);
    expect(await viewerPage.getByRole('form', { name: 'Upload a file' }).count()).toBe(0);
    expect(await viewerPage.getByRole('table', { name: 'Posts' }).getByRole('button').count()).toBe(0);
    // Preview and "Copy link" are for readers too; deleting is not.
    expect(
      await viewerPage
        .getByRole('table', { name: 'Media' })
        .getByRole('button', { name: /^Delete / })
        .count(),
    ).toBe(0);

    // The same tables carry the controls for the owner: the zero counts above are about the role.
    await ownerPage.reload();
    await mediaRow(ownerPage, 'cover.png').waitFor();
    expect(await ownerPage.getByRole('table', { name: 'Posts' }).getByRole('button').count()).toBeGreaterThan(0);
    expect(
      await ownerPage
        .getByRole('table', { name: 'Media' })
        .getByRole('button', { name: /^Delete / })
        .count(),
    ).toBe(1);
  });

  /** Invited and accepted through the API: the invitation path itself is the tenancy spec's subject. */
  async function joinAsViewer(api: ApiClient): Promise<void> {
    const me = await unwrap(api.GET('/api/v1/auth/me'));
    const organizationId = me.memberships.find((m) => organizationPath.endsWith(`/${m.slug}`))?.organizationId ?? '';
    const invite = await unwrap(
      api.POST('/api/v1/organizations/{id}/invites', {
        params: { path: { id: organizationId } },
        body: { email: viewer.email, role: 'viewer' },
      }),
    );
    const anonymous = createApiClient({ baseUrl: stage.product.baseUrl });
    await unwrap(
      anonymous.POST('/api/v1/auth/signup', {
        body: {
          email: viewer.email,
          password: VALID_PASSWORD,
          name: viewer.name,
          organizationName: viewer.organization,
        },
      }),
    );
    const viewerApi = await signedInApi(stage.product.baseUrl, viewer.email, VALID_PASSWORD);
    await unwrap(
      viewerApi.POST('/api/v1/organizations/invites/{token}/accept', {
        params: { path: { token: invite.inviteToken } },
      }),
    );
  }

  async function uploadThroughApi(api: ApiClient, organization: OrganizationHeader, filename: string): Promise<void> {
    const siteId = sitePath.split('/').pop() as string;
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), filename);
    await unwrap(
      api.POST('/api/v1/sites/{siteId}/media', {
        params: { path: { siteId } },
        // The spec types the binary part as a string; the request carries this multipart form instead.
        body: { file: filename },
        bodySerializer: () => form,
        ...organization,
      }),
    );
  }
});

function siteRow(page: Page, name: string): Locator {
  return rowWithCell(page.getByRole('table', { name: 'Sites' }), name);
}

function postRows(page: Page): Locator {
  return page.getByRole('table', { name: 'Posts' }).locator('tbody tr');
}

function postRow(page: Page, title: string): Locator {
  return rowWithCell(page.getByRole('table', { name: 'Posts' }), title);
}

function mediaRow(page: Page, filename: string): Locator {
  return rowWithCell(page.getByRole('table', { name: 'Media' }), filename);
}

/** The body row whose first cell reads exactly `text`. */
function rowWithCell(table: Locator, text: string): Locator {
  const firstCell = table.page().locator('td:first-child', { hasText: exactly(text) });
  return table.locator('tbody tr').filter({ has: firstCell });
}

async function expectSitePosts(page: Page, figures: string): Promise<void> {
  await page
    .getByTestId('usage-site-posts')
    .filter({ hasText: exactly(figures) })
    .waitFor();
}

function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

async function showPosts(page: Page, filter: 'All' | 'Drafts' | 'Published'): Promise<void> {
  await page.getByRole('radiogroup', { name: 'Show posts' }).getByText(filter, { exact: true }).click();
}

/** Opens the file picker from the "File" field and picks one file, as a person would. */
async function chooseFile(page: Page, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await labelled(page, 'File').click();
  await (await chooser).setFiles(file);
}
