/** The API's slug rule (UpdateOrganizationDto): checked here too, so a typo is named before anything is sent. */
const SLUG_PATTERN = /^(?![0-9a-f]{8}-[0-9a-f]{4}-)[a-z0-9](?:[a-z0-9-]{1,46})[a-z0-9]$/;
export const SLUG_RULE = '3 to 48 lower-case letters, digits and inner hyphens';

export function checkOrganizationName(value: string): string | null {
  if (value.trim().length === 0) return 'Name your organization';
  return value.trim().length > 100 ? 'At most 100 characters' : null;
}

export function checkSlug(value: string): string | null {
  return SLUG_PATTERN.test(value.trim()) ? null : `The slug must be ${SLUG_RULE}`;
}

/** Empty is "no logo"; otherwise an https address, as the API accepts it. */
export function checkLogoUrl(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (trimmed.length > 2048) return 'At most 2048 characters';
  try {
    return new URL(trimmed).protocol === 'https:' ? null : 'Use an https:// address';
  } catch {
    return 'Enter a full address, starting with https://';
  }
}
