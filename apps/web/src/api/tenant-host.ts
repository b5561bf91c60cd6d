import type { Me } from './use-me';

/**
 * With BASE_DOMAIN set, `<slug>.<BASE_DOMAIN>` serves one organization: the
 * API refuses any other there, so on such a host the SPA acts only for it and
 * opens the others on their own hosts (each origin keeps its own session).
 * Where another organization opens: its own host when the SPA runs on one, else null (switch in place). */
export function organizationHostUrl(me: Me, slug: string, location: Pick<Location, 'protocol' | 'port'> = window.location): string | null {
  if (!me.hostOrganizationSlug || !me.baseDomain) return null;
  const port = location.port ? `:${location.port}` : '';
  return `${location.protocol}//${slug}.${me.baseDomain}${port}/o/${slug}`;
}
