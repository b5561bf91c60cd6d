const BYTE_UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'];

/** 524288000 → "500 MB". Binary multiples, named as the plan catalog names them. */
export function humanBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toFixed(digits).replace(/\.0$/, '')} ${BYTE_UNITS[unit]}`;
}

const numberFormat = new Intl.NumberFormat('en-US');
const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });

export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

/** USD cents → "$29"; null is a price agreed per customer. */
export function formatPrice(cents: number | null): string {
  if (cents === null) return 'Custom';
  const dollars = cents / 100;
  return `$${Number.isInteger(dollars) ? formatNumber(dollars) : dollars.toFixed(2)}`;
}

/**
 * An amount in the currency's smallest unit (as Stripe counts it) → "$99", "$12.50", "¥500".
 * The currency's own minor digits decide the division: cents for USD, none for JPY.
 */
export function formatAmount(amount: number, currency: string): string {
  const code = currency.toUpperCase();
  const minorDigits = new Intl.NumberFormat('en-US', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
  const value = amount / 10 ** minorDigits;
  const whole = Number.isInteger(value);
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: code,
    minimumFractionDigits: whole ? 0 : minorDigits,
    maximumFractionDigits: minorDigits,
  }).format(value);
}
