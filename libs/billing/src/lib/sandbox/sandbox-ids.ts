import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** An id shaped like Stripe's: `cus_…`, `sub_…`, `in_…`, `cs_…`, `evt_…`. */
export function sandboxId(prefix: string): string {
  return `${prefix}_${[...randomBytes(24)].map((byte) => ALPHABET[byte % ALPHABET.length]).join('')}`;
}

export const seconds = (at: Date): number => Math.floor(at.getTime() / 1000);
export const fromSeconds = (value: unknown): Date => new Date(Number(value) * 1000);
