import { organizationPath } from '../auth/sign-in-destination';

/** The settings pages, relative to the organization: the organization's own, the signed-in person's, and what roles allow. */
export const SETTINGS_PAGES = [
  { path: '', label: 'Organization' },
  { path: 'account', label: 'Account' },
  { path: 'roles', label: 'Roles' },
] as const;

export type SettingsPage = (typeof SETTINGS_PAGES)[number]['path'];

export function settingsPath(slug: string, page: SettingsPage = ''): string {
  return `${organizationPath(slug)}/settings${page ? `/${page}` : ''}`;
}
