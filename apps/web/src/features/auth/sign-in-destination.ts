import type { Schemas } from '@plinth/api-client';
import { organizationIdOf } from '../../api/token-claims';

/** Only same-site paths: `next` comes from the URL, so anyone could have written it. */
export function safeNextPath(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  return next;
}

export function organizationPath(slug: string): string {
  return `/o/${slug}`;
}

/** Where a login lands: the page that sent the person to log in, else the token's organization. */
export function destinationAfterLogin(result: Schemas['LoginResultDto'], next: string | null): string {
  const requested = safeNextPath(next);
  if (requested) return requested;
  const tokenOrganizationId = organizationIdOf(result.accessToken);
  const organization = result.organizations.find((org) => org.id === tokenOrganizationId);
  return organization ? organizationPath(organization.slug) : '/o';
}

/** /login or /signup with the email filled in, returning to `next` afterwards. */
export function authPagePath(page: 'login' | 'signup', options: { email?: string | null; next?: string | null }): string {
  const params = new URLSearchParams();
  if (options.email) params.set('email', options.email);
  const next = safeNextPath(options.next ?? null);
  if (next) params.set('next', next);
  const query = params.toString();
  return `/${page}${query ? `?${query}` : ''}`;
}
