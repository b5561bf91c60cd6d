import { sleep, uniqueEmail, VALID_PASSWORD } from '@plinth/testing';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Locator, Page } from 'playwright-core';
import { labelled } from './support/labelled';
import { openFromNav } from './support/organization-nav';
import { onePixelPng } from './support/png';
import { signUp } from './support/sign-up';
import { twoPeople } from './support/two-people';
import { waitForCount } from './support/wait-for-count';

const run = promisify(execFile);
const FREE_POSTS_PER_SITE = 20;

/** The smallest PDF a viewer opens: one empty page. The API checks the %PDF- signature. */
const ONE_PAGE_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/**
 * The developer's side of the console (issue 10): a new API key handed over
 * with snippets that work as pasted; an audit log that names who did what and
 * filters by an action picked from a list; the usage page's per-site posts and
 * chart of API calls per day; media with thumbnails, a preview and a link.
 * The steps run in order, as one owner in one browser context.
 */
describe('the developer console', () => {
  const owner = {
    email: uniqueEmail('margaret'),
    name: 'Margaret Hamilton',
    organization: `Apollo Guidance ${Date.now().toString(36)}`,
  };
  const png = onePixelPng(0xe0, 0x40, 0x40);
  const stage = twoPeople();
  let page: Page;
  let organizationPath: string;
  let apiKey: string;
  let siteId: string;

  beforeAll(async () => {
    [page] = stage.pages;
    // "Copy" buttons write to the clipboard; the test reads back what a person would paste.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stage.product.baseUrl });
  });

  /** GETs `path` as the signed-in owner, in the organization of the test. */
  async function ownerReader(path: string): Promise<() => Promise<unknown>> {
    const login = await fetch(`${stage.product.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: owner.email, password: VALID_PASSWORD }),
    });
    const { accessToken } = ((await login.json()) as { data: { accessToken: string } }).data;
    const headers = { Authorization: `Bearer ${accessToken}`, 'X-Organization-Id': organizationPath.split('/').pop() as string };
    return async () => {
      const response = await fetch(`${stage.product.baseUrl}/api/v1${path}`, { headers });
      expect(response.status).toBe(200);
      return ((await response.json()) as { data: unknown }).data;
    };
  }

  /** A request as a program outside the browser sends it, with the API key. */
  function withKey(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${stage.product.baseUrl}/api/v1${path}`, {
      ...init,
      headers: { 'X-API-Key': apiKey, 'Content-Type': 'application/json', ...init.headers },
    });
  }

  it('puts a new key into copy-ready snippets whose curl command works as pasted', async () => {
    await signUp(page, owner);
    organizationPath = new URL(page.url()).pathname;
    await openFromNav(page, 'API keys', `${organizationPath}/api-keys`);
    // The home page's "Try the API" step links here: api-keys#quick-start.
    expect(await page.locator('#quick-start').getByRole('region', { name: 'Quick start' }).count()).toBe(1);

    expect(await page.getByTestId('api-base-url').textContent()).toBe(`${stage.product.baseUrl}/api/v1`);
    expect(await page.getByTestId('snippet-curl').textContent()).toContain('"X-API-Key: $PLINTH_API_KEY"');
    const docs = page.getByRole('link', { name: 'the API reference' });
    expect(await docs.getAttribute('href')).toBe('/api/docs');
    expect((await fetch(`${stage.product.baseUrl}/api/docs`)).status).toBe(200);

    await labelled(page, 'Name').fill('Deploy bot');
    await page.getByRole('form', { name: 'Create an API key' }).getByLabel('Role').selectOption('admin');
    await page.getByRole('button', { name: 'Create key' }).click();
    apiKey = ((await page.getByTestId('revealed-api-key').textContent()) ?? '').trim();
    expect(apiKey).toMatch(/^plk_\S{20,}$/);

    // Right after creation every snippet carries the key itself.
    await page.getByTestId('snippet-curl').filter({ hasText: apiKey }).waitFor();
    expect(await page.getByTestId('snippet-javascript').textContent()).toContain(`'X-API-Key': '${apiKey}'`);
    expect(await page.getByTestId('snippet-python').textContent()).toContain(`"X-API-Key": "${apiKey}"`);

    // What "Copy" puts on the clipboard is the command; its URL and header answer 200.
    await page.getByRole('button', { name: 'Copy the curl snippet' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    const pasted = await page.evaluate(() => navigator.clipboard.readText());
    expect(pasted).toBe(await page.getByTestId('snippet-curl').textContent());
    const url = /^curl '([^']+)'/.exec(pasted)?.[1] ?? '';
    const [, headerName, headerValue] = /-H '([^:]+): ([^']+)'/.exec(pasted) ?? [];
    expect(url).toBe(`${stage.product.baseUrl}/api/v1/sites`);
    expect(headerName).toBe('X-API-Key');
    const listed = await fetch(url, { headers: { [headerName]: headerValue } });
    expect(listed.status).toBe(200);
    expect(await listed.json()).toMatchObject({ success: true, data: [] });

    // Once the key's notice is closed the snippets read $PLINTH_API_KEY, and the shell fills it in.
    await page.getByRole('button', { name: 'I have stored it' }).click();
    await page.getByTestId('revealed-api-key').waitFor({ state: 'detached' });
    await page.getByTestId('api-key-placeholder-note').waitFor();
    const placeholderCurl = (await page.getByTestId('snippet-curl').textContent()) ?? '';
    expect(placeholderCurl).toContain('$PLINTH_API_KEY');
    expect(await page.content()).not.toContain(apiKey);
    const { stdout } = await run('bash', ['-c', `${placeholderCurl} --silent --fail`], { env: { ...process.env, PLINTH_API_KEY: apiKey } });
    expect(JSON.parse(stdout)).toMatchObject({ success: true, data: [] });
  });

  it("names the people and keys in the audit log, shows a request's origin, and filters by an action from the list", async () => {
    // The key (role admin) makes a site: an entry whose actor is the key.
    const created = await withKey('/sites', { method: 'POST', body: JSON.stringify({ name: 'Launch notes' }) });
    expect(created.status).toBe(201);
    siteId = ((await created.json()) as { data: { id: string } }).data.id;

    await openFromNav(page, 'Audit log', `${organizationPath}/audit`);
    const siteCreated = auditRow(page, 'site.created');
    await siteCreated.waitFor();
    expect(await siteCreated.getByTestId('audit-actor').innerText()).toMatch(/^Deploy bot\s+API key$/);
    const keyCreated = auditRow(page, 'api_key.created');
    expect(await keyCreated.getByTestId('audit-actor').innerText()).toMatch(new RegExp(`^${owner.name}\\s+${literal(owner.email)}$`));
    // The target is named from the organization's keys once they have loaded.
    await keyCreated.filter({ hasText: 'api_key: Deploy bot' }).waitFor();
    // No bare UUIDs where a name is known.
    expect(await auditRows(page).getByTestId('audit-actor').allInnerTexts()).not.toContainEqual(expect.stringMatching(/[0-9a-f]{8}-/));

    // IP and user agent unfold below the entry.
    const details = keyCreated.getByRole('button', { name: 'Request details' });
    expect(await details.getAttribute('aria-expanded')).toBe('false');
    await details.click();
    expect(await details.getAttribute('aria-expanded')).toBe('true');
    const unfolded = page.locator(`[id="${await details.getAttribute('aria-controls')}"]`);
    expect(await unfolded.innerText()).toMatch(/IP address\s+(::ffff:)?127\.0\.0\.1/);
    expect(await unfolded.innerText()).toMatch(/User agent\s+Mozilla\/5\.0 .*Chrome\//);

    // The action filter offers the actions the log holds; picking one narrows the list to it.
    const action = page.getByRole('combobox', { name: 'Action' });
    await action.click();
    const choices = page.getByRole('listbox').getByRole('option');
    await choices.first().waitFor();
    expect(await choices.allInnerTexts()).toEqual(expect.arrayContaining(['api_key.created', 'organization.created', 'site.created']));
    await page.getByRole('option', { name: 'site.created', exact: true }).click();
    expect(await action.inputValue()).toBe('site.created');
    await page.getByRole('button', { name: 'Apply' }).click();
    await waitForCount(auditRows(page), 1);
    expect(await auditRows(page).locator('td:nth-child(2)').allTextContents()).toEqual(['site.created']);

    // The actor filter lists members and keys by name.
    await page.getByRole('button', { name: 'Clear' }).click();
    await waitForCount(auditRows(page).filter({ hasText: 'organization.created' }), 1);
    const by = labelled(page, 'By');
    const keyChoice = by.locator('option', { hasText: /^Deploy bot \(plk_[0-9a-f]+…\)$/ });
    expect(await by.locator('option', { hasText: `${owner.name} (${owner.email})` }).count()).toBe(1);
    await by.selectOption((await keyChoice.getAttribute('value')) ?? '');
    await page.getByRole('button', { name: 'Apply' }).click();
    await waitForCount(auditRows(page), 1);
    expect(await auditRows(page).locator('td:nth-child(2)').allTextContents()).toEqual(['site.created']);

    // Export is a Pro feature: the Free plan gets the upsell, not a failed download.
    const upsell = page.getByTestId('upgrade-alert');
    expect(await upsell.innerText()).toMatch(/Your plan does not include audit log export; the Pro plan and above do\./);
    expect(await upsell.getByRole('link', { name: 'Compare plans and upgrade' }).getAttribute('href')).toBe(`${organizationPath}/billing`);
    expect(await page.getByRole('button', { name: 'Download CSV' }).count()).toBe(0);
  });

  it("shows each site's posts and a chart of API calls per day, with a table of the same figures", async () => {
    for (const title of ['Liftoff', 'Lunar orbit']) {
      const post = await withKey(`/sites/${siteId}/posts`, { method: 'POST', body: JSON.stringify({ title, body: 'Go.' }) });
      expect(post.status).toBe(201);
    }
    // Read as the owner: a signed-in person's requests are not API calls, so reading does not move the figures.
    const dailyUsage = await ownerReader('/quotas/usage/daily');
    // The API counts calls in memory and writes them down about once a second. Five so far: two lists, a site, two posts.
    let daily = (await dailyUsage()) as DailyUsage;
    for (let tries = 0; totalCalls(daily) < 5 && tries < 50; tries += 1) {
      await sleep(200);
      daily = (await dailyUsage()) as DailyUsage;
    }
    expect(totalCalls(daily)).toBe(5);
    // Past the next write-down, so the page reads every call from the database.
    await sleep(1500);
    daily = (await dailyUsage()) as DailyUsage;
    expect(totalCalls(daily)).toBe(5);

    await openFromNav(page, 'Usage', `${organizationPath}/usage`);
    const perSite = page.getByRole('table', { name: 'Posts per site' });
    const row = perSite.locator('tbody tr', { has: page.getByRole('link', { name: 'Launch notes', exact: true }) });
    // The page shows what it had cached at once, then the fresh figures.
    await row
      .getByTestId('site-posts-count')
      .filter({ hasText: `2 of ${FREE_POSTS_PER_SITE}` })
      .waitFor();
    expect(await row.getByRole('link', { name: 'Launch notes' }).getAttribute('href')).toBe(`${organizationPath}/sites/${siteId}`);
    expect(await row.getByRole('progressbar', { name: 'Posts in Launch notes' }).getAttribute('aria-valuenow')).toBe('10');

    // The Free plan's one site is used up: the 100 % banner, and the way to a bigger plan.
    const sitesWarning = page.getByTestId('usage-warning-sites');
    await sitesWarning.waitFor();
    expect(await sitesWarning.getAttribute('data-level')).toBe('100');
    expect(await sitesWarning.innerText()).toContain("Sites: the plan's limit is reached");
    expect(await page.getByRole('link', { name: 'Upgrade the plan' }).getAttribute('href')).toBe(`${organizationPath}/billing`);

    const chart = page.getByRole('figure', { name: 'API calls per day' });
    await chart.locator('svg.recharts-surface').waitFor();
    expect(await chart.locator('.recharts-bar-rectangle path, path.recharts-rectangle').count()).toBeGreaterThan(0);
    const summary = (await page.getByTestId('api-calls-summary').textContent()) ?? '';
    expect(summary).toMatch(/^\d[\d,]* API calls from \w{3} \d+ to \w{3} \d+; the busiest day was \w{3} \d+ with \d[\d,]*\.$/);
    expect(await chart.getAttribute('aria-describedby')).toBe(await page.getByTestId('api-calls-summary').getAttribute('id'));

    const toggle = page.getByRole('button', { name: 'Daily figures as a table' });
    await toggle.click();
    const figures = page.getByRole('table', { name: 'API calls per day' });
    await figures.waitFor();
    expect(await figures.locator('tbody tr').count()).toBe(daily.days.length);
    const lastDay = daily.days[daily.days.length - 1];
    expect(await figures.locator('tbody tr').last().innerText()).toMatch(new RegExp(`\\s${lastDay.apiCalls.toLocaleString('en-US')}$`));
  });

  it('uploads an image that gets a thumbnail, opens it in a preview, and copies a link that works with the key', async () => {
    await page.goto(`${organizationPath}/sites/${siteId}`);
    await page.getByRole('heading', { level: 1, name: 'Launch notes' }).waitFor();
    await chooseFile(page, { name: 'patch.png', mimeType: 'image/png', buffer: png });
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    const row = mediaRow(page, 'patch.png');
    await row.waitFor();

    const thumbnail = row.getByTestId('media-thumbnail');
    await thumbnail.waitFor();
    expect(await thumbnail.getAttribute('src')).toMatch(/^blob:/);
    await page.waitForFunction((image) => image instanceof HTMLImageElement && image.complete, await thumbnail.elementHandle());
    expect(await thumbnail.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0);

    await row.getByRole('button', { name: 'patch.png', exact: true }).click();
    const preview = page.getByRole('dialog', { name: 'patch.png' });
    const image = preview.getByRole('img', { name: 'patch.png' });
    await image.waitFor();
    await page.waitForFunction((element) => element instanceof HTMLImageElement && element.complete, await image.elementHandle());
    expect(await image.evaluate((element: HTMLImageElement) => element.naturalWidth)).toBeGreaterThan(0);
    const previewUrl = (await image.getAttribute('src')) ?? '';
    expect(await preview.getByRole('link', { name: 'Download' }).getAttribute('download')).toBe('patch.png');

    await preview.getByRole('button', { name: 'Copy link to patch.png' }).click();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(new RegExp(`^${literal(stage.product.baseUrl)}/api/v1/sites/${siteId}/media/[0-9a-f-]{36}/content$`));
    const bytes = await fetch(link, { headers: { 'X-API-Key': apiKey } });
    expect(bytes.status).toBe(200);
    expect(bytes.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await bytes.arrayBuffer()).equals(png)).toBe(true);

    // Closing the preview lets go of its object URL: the same address no longer loads.
    await page.keyboard.press('Escape');
    await preview.waitFor({ state: 'detached' });
    expect(await page.evaluate(loadsAsImage, previewUrl)).toBe(false);
    expect(await page.evaluate(loadsAsImage, (await thumbnail.getAttribute('src')) ?? '')).toBe(true);
  });

  it('previews a PDF in a frame fed from the fetched bytes', async () => {
    await chooseFile(page, { name: 'checklist.pdf', mimeType: 'application/pdf', buffer: ONE_PAGE_PDF });
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    const row = mediaRow(page, 'checklist.pdf');
    await row.waitFor();
    await row.getByRole('button', { name: 'checklist.pdf', exact: true }).click();
    const preview = page.getByRole('dialog', { name: 'checklist.pdf' });
    const frame = preview.locator('iframe[title="checklist.pdf (PDF)"]');
    await frame.waitFor();
    expect(await frame.getAttribute('src')).toMatch(/^blob:/);
    // The frame holds the upload as the PDF it was stored as, never as a page of this origin.
    const pdfFrame = await (await frame.elementHandle())?.contentFrame();
    await pdfFrame?.waitForLoadState();
    expect(await pdfFrame?.evaluate(() => document.contentType)).toBe('application/pdf');
    await page.keyboard.press('Escape');
    await preview.waitFor({ state: 'detached' });
  });
});

function auditRows(page: Page): Locator {
  return page.getByRole('table', { name: 'Audit log' }).locator('tbody tr[data-testid="audit-entry"]');
}

/** The newest entry with this action. */
function auditRow(page: Page, action: string): Locator {
  return auditRows(page)
    .filter({ has: page.locator('td:nth-child(2)', { hasText: new RegExp(`^${literal(action)}$`) }) })
    .first();
}

function mediaRow(page: Page, filename: string): Locator {
  return page.getByRole('table', { name: 'Media' }).locator('tbody tr', { hasText: filename });
}

interface DailyUsage {
  days: Array<{ date: string; apiCalls: number }>;
}

/** Whether `url` loads as an image in the page: false once an object URL is revoked. */
function loadsAsImage(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const image = new Image();
    image.onload = () => resolve(image.naturalWidth > 0);
    image.onerror = () => resolve(false);
    image.src = url;
  });
}

function totalCalls(daily: { days: Array<{ apiCalls: number }> }): number {
  return daily.days.reduce((sum, day) => sum + day.apiCalls, 0);
}

function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Opens the file picker from the "File" field and picks one file, as a person would. */
async function chooseFile(page: Page, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await labelled(page, 'File').click();
  await (await chooser).setFiles(file);
}
