import { organizationPath } from '../auth/sign-in-destination';

export function sitesPath(organizationSlug: string): string {
  return `${organizationPath(organizationSlug)}/sites`;
}

export function sitePath(organizationSlug: string, siteId: string): string {
  return `${sitesPath(organizationSlug)}/${siteId}`;
}
