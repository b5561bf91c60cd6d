import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-custom';
import { KEY_PREFIX } from './api-key-format';
import { ApiKeyAuthenticator, ApiKeyPrincipal } from './api-key-authenticator';

/** `X-API-Key: plk_…`, or `Authorization: Bearer plk_…`. No key: passes to the JWT strategy. */
@Injectable()
export class ApiKeyStrategy extends PassportStrategy(Strategy, 'api-key') {
  constructor(private readonly authenticator: ApiKeyAuthenticator) {
    super();
  }

  async validate(request: FastifyRequest): Promise<ApiKeyPrincipal | false> {
    const key = presentedKey(request);
    return key ? this.authenticator.authenticate(key) : false;
  }
}

function presentedKey(request: FastifyRequest): string | null {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header) return header;
  const authorization = request.headers.authorization;
  const bearer = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : '';
  return bearer.startsWith(KEY_PREFIX) ? bearer : null;
}
