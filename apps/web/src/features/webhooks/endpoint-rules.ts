/** As the API checks them (apps/api/src/modules/webhooks/webhook-url.ts, dto/webhook-endpoints.dto.ts). */
export const URL_MAX = 2048;
export const DESCRIPTION_MAX = 500;

/** What is wrong with the endpoint URL as typed; null when nothing. Private addresses are the API's to judge. */
export function checkEndpointUrl(value: string): string | null {
  const text = value.trim();
  if (text === '') return 'Enter the URL Plinth should POST events to';
  if (text.length > URL_MAX) return `Use up to ${URL_MAX} characters`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'Enter a full URL, such as https://example.com/webhooks/plinth';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Use an http:// or https:// URL';
  if (url.username || url.password) return 'Leave the user name and password out: receivers check the signature instead';
  if (!url.hostname) return 'Name a host, such as example.com';
  return null;
}

export function checkDescription(value: string): string | null {
  return value.trim().length > DESCRIPTION_MAX ? `Use up to ${DESCRIPTION_MAX} characters` : null;
}

export function checkEvents(events: readonly string[]): string | null {
  return events.length === 0 ? 'Pick at least one event, or all of them' : null;
}
