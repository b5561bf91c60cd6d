import type { Page } from 'playwright-core';

/** The link names in the app shell's organization navbar, in order. */
export async function navLinkNames(page: Page): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: 'Organization' });
  await nav.getByRole('link').first().waitFor();
  return nav.getByRole('link').allInnerTexts();
}

/** Follows a navbar link, as a person would, and waits for its page. */
export async function openFromNav(page: Page, name: string, path: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name, exact: true }).click();
  await page.waitForURL(`**${path}`);
  await page.getByRole('heading', { level: 1, name }).waitFor();
}
