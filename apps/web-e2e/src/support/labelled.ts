import type { Locator, Page } from 'playwright-core';

/**
 * The input whose label reads exactly `label`. Playwright matches the label's
 * text, which for a required field includes the visual " *" marker.
 */
export function labelled(page: Page, label: string): Locator {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.getByLabel(new RegExp(`^${escaped}( \\*)?$`));
}
