import { organizationPath } from '../auth/sign-in-destination';

/** `?checkout=` on the billing page: how a checkout ended. */
export const CHECKOUT_PARAM = 'checkout';
export type CheckoutOutcome = 'success' | 'canceled';

/** `?portal=returned` on the billing page: back from the billing portal, where the subscription may have changed. */
export const PORTAL_PARAM = 'portal';

export function billingPath(slug: string, params: Record<string, string> = {}): string {
  const query = new URLSearchParams(params).toString();
  return `${organizationPath(slug)}/billing${query ? `?${query}` : ''}`;
}

/** The billing page as an absolute URL, for checkout and the portal to send the person back to. */
export function billingUrl(slug: string, params: Record<string, string> = {}): string {
  return `${window.location.origin}${billingPath(slug, params)}`;
}

/**
 * The path of `url` when it is on this application's own origin, else null.
 * Return addresses arrive in the URL (anyone could have written them): only
 * our own pages are followed inside the app.
 */
export function sameOriginPath(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url, window.location.origin);
    if (parsed.origin !== window.location.origin) return null;
    return `${parsed.pathname}${parsed.search}${parsed.hash}`;
  } catch {
    return null;
  }
}
