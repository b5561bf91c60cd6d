import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { watchPageProblems } from './page-problems';
import { type RunningProduct, startProduct } from './product';

export interface Stage {
  product: RunningProduct;
  browser: Browser;
  /** Two people, each in their own browser context. */
  pages: [Page, Page];
  newContext: () => Promise<BrowserContext>;
}

/**
 * Registers the hooks of a two-person browser test: the production build
 * started, Chromium with a context per person, and every test failing on an
 * uncaught page error or CSP refusal. Read the stage from inside tests or hooks.
 * `productEnv` adds to the product's environment (see startProduct).
 */
export function twoPeople(productEnv: NodeJS.ProcessEnv = {}): Stage {
  const stage = {} as Stage;
  let pageProblems: Array<() => string[]> = [];

  beforeAll(async () => {
    stage.product = await startProduct(productEnv);
    stage.browser = await launchChromium();
    stage.newContext = async () => {
      const context = await stage.browser.newContext({ baseURL: stage.product.baseUrl, viewport: { width: 1280, height: 900 } });
      context.setDefaultTimeout(10_000);
      return context;
    };
    const contexts = await Promise.all([stage.newContext(), stage.newContext()]);
    stage.pages = (await Promise.all(contexts.map((context) => context.newPage()))) as [Page, Page];
    pageProblems = stage.pages.map(watchPageProblems);
  }, 60_000);

  afterAll(async () => {
    await stage.browser?.close();
    await stage.product?.stop();
  });

  afterEach(() => {
    expect(pageProblems.flatMap((problems) => problems())).toEqual([]);
  });

  return stage;
}
