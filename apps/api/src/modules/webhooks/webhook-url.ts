import { ValidateBy, type ValidationOptions } from 'class-validator';
import { addressRefusal, literalAddress } from './address-policy';

export const URL_MAX = 2048;

/** What is wrong with `value` as an endpoint URL, before any address is looked at; null when nothing. */
export function webhookUrlProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'url must be a string';
  if (value.length > URL_MAX) return `url must be at most ${URL_MAX} characters`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'url must be an absolute URL such as https://example.com/webhooks';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'url must be an http or https URL';
  if (url.username || url.password) return 'url must not carry credentials: receivers check the signature instead';
  if (!url.hostname) return 'url must name a host';
  return null;
}

/** An absolute http(s) URL without credentials. */
export function IsWebhookUrl(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isWebhookUrl',
      validator: {
        validate: (value) => webhookUrlProblem(value) === null,
        defaultMessage: (args) => webhookUrlProblem(args?.value) ?? 'url is invalid',
      },
    },
    options,
  );
}

/**
 * The refusal of a URL whose host is a literal address no webhook may reach
 * (checked when the endpoint is saved; names are resolved and checked at every send).
 */
export function literalUrlRefusal(value: string, allowPrivate: boolean): string | null {
  const address = literalAddress(new URL(value).hostname);
  const refusal = address ? addressRefusal(address, allowPrivate) : null;
  return refusal && `url must not point at ${refusal.replace(/ is /, ', ')}`;
}
