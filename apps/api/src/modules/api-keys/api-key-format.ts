import { randomBytes } from 'node:crypto';

export const KEY_PREFIX = 'plk_';
const FORMAT = /^plk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface NewApiKey {
  /** `plk_<12 hex>`: public, indexed, shown in lists. */
  prefix: string;
  /** The whole key, shown once. */
  key: string;
}

export function generateApiKey(): NewApiKey {
  const prefix = `${KEY_PREFIX}${randomBytes(6).toString('hex')}`;
  return { prefix, key: `${prefix}_${randomBytes(32).toString('base64url')}` };
}

/** The lookup prefix of a well-formed key, or null for anything else. */
export function prefixOf(key: string): string | null {
  const match = FORMAT.exec(key);
  return match ? `${KEY_PREFIX}${match[1]}` : null;
}
