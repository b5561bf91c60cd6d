import type { FastifyRequest } from 'fastify';
import { RESERVED_SLUGS } from '../organizations/reserved-slugs';

/**
 * The organization slug a request's host names: `<slug>.<baseDomain>`, one
 * label deep, not a reserved name. Fastify's `hostname` has no port, and
 * comes from X-Forwarded-Host only behind a trusted proxy.
 */
export function hostSlug(request: FastifyRequest, baseDomain: string | undefined): string | undefined {
  if (!baseDomain) return undefined;
  const host = request.hostname.toLowerCase().replace(/\.$/, '');
  const suffix = `.${baseDomain}`;
  if (!host.endsWith(suffix)) return undefined;
  const label = host.slice(0, -suffix.length);
  if (label.includes('.') || RESERVED_SLUGS.has(label)) return undefined;
  return label;
}
