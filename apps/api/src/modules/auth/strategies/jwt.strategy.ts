import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../../../config/app-config';
import { UnauthenticatedError } from '@plinth/tenancy';
import type { AccessTokenClaims, AuthenticatedUser } from '../access-token';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(config: AppConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.jwtKey as unknown as string,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  validate(claims: AccessTokenClaims): AuthenticatedUser {
    const badFamily = claims.fam !== undefined && !isUuid(claims.fam);
    if (claims.typ !== 'access' || !isUuid(claims.sub) || (claims.org !== null && !isUuid(claims.org)) || badFamily) {
      throw new UnauthenticatedError('Not an access token');
    }
    return { kind: 'user', userId: claims.sub, organizationId: claims.org ?? null, familyId: claims.fam ?? null };
  }
}
