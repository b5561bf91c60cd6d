import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium: Playwright cannot download its own browser here (see tools/test/ensure-chromium.mjs). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The product's BASE_DOMAIN in browser tests: every `<slug>.plinth.test` resolves to this machine. */
export const TEST_BASE_DOMAIN = 'plinth.test';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--host-resolver-rules=MAP *.${TEST_BASE_DOMAIN} 127.0.0.1`,
    ],
  });
}
