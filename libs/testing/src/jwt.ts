import { JwtService } from '@nestjs/jwt';

/** The claims of a JWT, read without checking its signature. */
export function jwtClaims(token: string): Record<string, unknown> {
  const [, payload] = token.split('.');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
}

/** Signs an HS256 JWT with `secret`, the way an attacker or a stale client might. */
export function signJwt(secret: string, claims: Record<string, unknown>): string {
  return new JwtService({ secret }).sign(claims, { algorithm: 'HS256' });
}

/** The same JWT with one character in the middle of its signature changed. */
export function tamperSignature(token: string): string {
  const [header, payload, signature] = token.split('.');
  const i = Math.floor(signature.length / 2);
  const swapped = signature[i] === 'A' ? 'B' : 'A';
  return [header, payload, `${signature.slice(0, i)}${swapped}${signature.slice(i + 1)}`].join('.');
}

/** The same JWT with its payload replaced but the original signature kept. */
export function swapPayload(token: string, claims: Record<string, unknown>): string {
  const [header, , signature] = token.split('.');
  return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
}
