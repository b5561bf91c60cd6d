import type { Page } from 'playwright-core';

/**
 * The link names in the app shell's organization navbar, in order, once the
 * navbar is the current page's: the router updates the URL before it renders
 * the new organization's navbar, so the old one can still be on screen.
 */
export async function navLinkNames(page: Page): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: 'Organization' });
  await page.waitForFunction(() => {
    const current = document.querySelector('nav[aria-label="Organization"] a[aria-current="page"]');
    const href = current?.getAttribute('href');
    return !!href && (window.location.pathname === href || window.location.pathname.startsWith(`${href}/`));
  });
  return nav.getByRole('link').allInnerTexts();
}

/** Follows a navbar link, as a person would, and waits for its page. */
export async function openFromNav(page: Page, name: string, path: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name, exact: true }).click();
  await page.waitForURL(`**${path}`);
  await page.getByRole('heading', { level: 1, name }).waitFor();
}
