import { createHash, randomBytes } from 'node:crypto';

/** A fresh 256-bit secret, URL-safe. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Tokens are stored only as their SHA-256. Lookup is by the digest, so a
 * guess reveals nothing through timing about any stored secret.
 */
export function digestToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
