/** The API's rules for a site (CreateSiteDto in the OpenAPI spec), checked before sending. */
const NAME_MAX = 100;
const DOMAIN_MAX = 253;
const HOSTNAME = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;

export function checkSiteName(name: string): string | null {
  if (name.trim() === '') return 'Name the site';
  return name.trim().length > NAME_MAX ? `Use up to ${NAME_MAX} characters` : null;
}

/** Empty is allowed: a site needs no domain of its own. */
export function checkDomain(domain: string): string | null {
  const hostname = normalizeDomain(domain);
  if (hostname === '') return null;
  return hostname.length <= DOMAIN_MAX && HOSTNAME.test(hostname) ? null : 'Enter a hostname such as blog.example.com';
}

/** Hostnames are case-insensitive; the API stores them in lower case. */
export function normalizeDomain(domain: string): string {
  return domain.trim().toLowerCase();
}
