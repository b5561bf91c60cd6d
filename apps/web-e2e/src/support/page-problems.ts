import type { Page } from 'playwright-core';

/**
 * Collects what a person would never see but a broken page shows:
 * uncaught exceptions and Content-Security-Policy refusals.
 */
export function watchPageProblems(page: Page): () => string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
      problems.push(`csp: ${message.text()}`);
    }
  });
  return () => problems;
}
