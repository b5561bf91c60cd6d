import { sleep } from '@plinth/testing';
import type { Locator } from 'playwright-core';

/** Waits until the locator matches exactly `count` elements. */
export async function waitForCount(locator: Locator, count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await locator.count()) !== count) {
    if (Date.now() > deadline) throw new Error(`Expected ${count} elements, found ${await locator.count()}`);
    await sleep(50);
  }
}
