import type { Page } from 'playwright-core';
import { labelled } from './labelled';

/**
 * The error shown for the input labelled `label`, read through the input's
 * own accessibility relations (aria-invalid, aria-describedby), i.e. what a
 * screen reader announces beside that field.
 */
export async function fieldError(page: Page, label: string): Promise<string | null> {
  const input = labelled(page, label);
  if ((await input.getAttribute('aria-invalid')) !== 'true') return null;
  const describedBy = ((await input.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const errorId = describedBy.find((id) => id.endsWith('-error'));
  if (!errorId) return null;
  return page.locator(`[id="${errorId}"]`).textContent();
}
