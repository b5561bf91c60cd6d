import type { Page } from 'playwright-core';

/** Counts the requests the page sends with this method to a path matching `path` from now on. */
export function countRequests(page: Page, method: string, path: RegExp): () => number {
  let count = 0;
  page.on('request', (request) => {
    if (request.method() === method && path.test(new URL(request.url()).pathname)) count += 1;
  });
  return () => count;
}
