import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { seal, unseal } from '../../common/sealing';

const SECRET_PREFIX = 'whsec_';
const SECRET_BYTES = 32;

/** A new endpoint secret in the Standard Webhooks form: `whsec_` and 32 random bytes, base64. */
export function newEndpointSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(SECRET_BYTES).toString('base64')}`;
}

/**
 * The key endpoint secrets are sealed with: derived from ENCRYPTION_KEY for
 * this use alone, so a sealed secret and a sealed mail link can never be swapped.
 */
export function secretSealingKey(encryptionKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', encryptionKey, 'plinth', 'webhook-endpoint-secrets', 32));
}

export function sealSecret(key: Buffer, secret: string): string {
  return seal(key, secret);
}

export function unsealSecret(key: Buffer, sealed: string): string {
  return unseal<string>(key, sealed);
}

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/**
 * Standard Webhooks headers for `body`: `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`
 * under each secret, space-separated (two during a rotation's overlap).
 */
export function signedHeaders(messageId: string, at: Date, body: string, secrets: string[]): SignedHeaders {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const signatures = secrets.map((secret) => {
    const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
    return `v1,${createHmac('sha256', key).update(`${messageId}.${timestamp}.${body}`).digest('base64')}`;
  });
  return { 'webhook-id': messageId, 'webhook-timestamp': timestamp, 'webhook-signature': signatures.join(' ') };
}
