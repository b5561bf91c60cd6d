import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { UnauthenticatedError } from '@plinth/tenancy';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-custom';
import { KEY_PREFIX, prefixOf } from './api-key-format';
import type { PresentedApiKey } from './api-key-authenticator';

/**
 * `X-API-Key: plk_…`, or `Authorization: Bearer plk_…`. No key: passes to the
 * JWT strategy. A malformed key fails here; a well-formed one is checked
 * against the database by the tenant resolver, in the transaction's first round trip.
 */
@Injectable()
export class ApiKeyStrategy extends PassportStrategy(Strategy, 'api-key') {
  validate(request: FastifyRequest): PresentedApiKey | false {
    const key = presentedKey(request);
    if (!key) return false;
    const prefix = prefixOf(key);
    if (!prefix) throw new UnauthenticatedError('Invalid API key');
    return { kind: 'api_key', key, prefix };
  }
}

function presentedKey(request: FastifyRequest): string | null {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header) return header;
  const authorization = request.headers.authorization;
  const bearer = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : '';
  return bearer.startsWith(KEY_PREFIX) ? bearer : null;
}
