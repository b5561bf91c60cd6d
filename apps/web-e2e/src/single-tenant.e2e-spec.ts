import { uniqueEmail, VALID_PASSWORD } from '@plinth/testing';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { sql } from './support/database';
import { labelled } from './support/labelled';
import { navLinkNames } from './support/organization-nav';
import { signUp } from './support/sign-up';
import { twoPeople } from './support/two-people';

/**
 * MULTI_TENANT_ENABLED=false (issue 12): a team's own deployment. The first
 * person to sign up owns its one organization; nothing offers to create or
 * switch organizations, or to buy a plan; a stranger cannot sign up.
 * The product runs on a database of its own: its oldest organization is the one.
 */
describe('a single-tenant deployment', () => {
  const database = `plinth_single_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const productEnv: NodeJS.ProcessEnv = { MULTI_TENANT_ENABLED: 'false' };
  beforeAll(async () => {
    await sql(`CREATE DATABASE ${database}`);
    const url = new URL(process.env.DATABASE_URL as string);
    url.pathname = `/${database}`;
    productEnv.DATABASE_URL = url.toString();
  });
  const stage = twoPeople(productEnv);
  afterAll(() => sql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));

  const owner = { email: uniqueEmail('linus'), name: 'Linus', organization: 'Kernel Docs' };
  let page: Page;
  let organizationPath: string;

  it('leads from the front page to logging in: there are no plans to sell', async () => {
    [page] = stage.pages;
    await page.goto('/');
    await page.waitForURL(/\/login$/);
    await page.goto('/pricing');
    await page.waitForURL(/\/login$/);
  });

  it('makes the first person to sign up the owner of the organization, named as they chose', async () => {
    await signUp(page, owner);
    organizationPath = new URL(page.url()).pathname;
    expect(await page.getByTestId('organization-name').textContent()).toBe(owner.organization);
  });

  it('offers no organization switcher, no creating one, no billing', async () => {
    expect(await page.getByRole('button', { name: owner.organization }).count()).toBe(0);
    expect(await page.getByText('Create organization').count()).toBe(0);
    const links = await navLinkNames(page);
    expect(links).toContain('Usage');
    expect(links).not.toContain('Billing');
    await page.goto(`${organizationPath}/billing`);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  });

  it('tells a stranger that signing up takes an invitation', async () => {
    const stranger = stage.pages[1];
    await stranger.goto('/signup');
    await labelled(stranger, 'Email').fill(uniqueEmail('stranger'));
    await labelled(stranger, 'Password').fill(VALID_PASSWORD);
    await labelled(stranger, 'Your name').fill('Stranger');
    await stranger.getByRole('button', { name: 'Sign up' }).click();
    await stranger.getByText(`Signing up takes an invitation: ask an admin of ${owner.organization} for one`).waitFor();
    expect(new URL(stranger.url()).pathname).toBe('/signup');
  });
});
