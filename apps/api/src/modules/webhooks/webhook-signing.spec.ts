import { randomBytes, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { newEndpointSecret, sealSecret, secretSealingKey, signedHeaders, unsealSecret } from './webhook-signing';

describe('webhook signing', () => {
  const body = JSON.stringify({ id: randomUUID(), type: 'site.created', data: { name: 'Blog ✓' } });

  it('makes secrets in the Standard Webhooks form', () => {
    const secret = newEndpointSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(newEndpointSecret()).not.toBe(secret);
  });

  it('signs so that the standardwebhooks library verifies it', () => {
    const secret = newEndpointSecret();
    const headers = signedHeaders(randomUUID(), new Date(), body, [secret]);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it('signs with both secrets during a rotation, each verifying on its own', () => {
    const [current, previous] = [newEndpointSecret(), newEndpointSecret()];
    const headers = signedHeaders(randomUUID(), new Date(), body, [current, previous]);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(current).verify(body, { ...headers })).not.toThrow();
    expect(() => new Webhook(previous).verify(body, { ...headers })).not.toThrow();
    expect(() => new Webhook(newEndpointSecret()).verify(body, { ...headers })).toThrow(/No matching signature/);
  });

  it('fails verification when the body was changed', () => {
    const secret = newEndpointSecret();
    const headers = signedHeaders(randomUUID(), new Date(), body, [secret]);
    expect(() => new Webhook(secret).verify(body.replace('Blog', 'Blag'), { ...headers })).toThrow();
  });

  it('seals a secret so only the same key opens it', () => {
    const key = secretSealingKey(randomBytes(32));
    const secret = newEndpointSecret();
    const sealed = sealSecret(key, secret);
    expect(sealed).not.toContain(secret.slice(6, 20));
    expect(unsealSecret(key, sealed)).toBe(secret);
    expect(() => unsealSecret(secretSealingKey(randomBytes(32)), sealed)).toThrow();
  });
});
