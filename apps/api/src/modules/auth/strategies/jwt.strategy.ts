import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../../../config/app-config';
import { isUuid, UnauthenticatedError } from '@plinth/tenancy';
import type { AccessTokenClaims, AuthenticatedUser } from '../access-token';

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
    // The family is what lets a logout, a reset or a detected reuse end the token before it expires.
    if (claims.typ !== 'access' || !isUuid(claims.sub) || (claims.org !== null && !isUuid(claims.org)) || !isUuid(claims.fam)) {
      throw new UnauthenticatedError('Not an access token');
    }
    return { kind: 'user', userId: claims.sub, organizationId: claims.org ?? null, familyId: claims.fam };
  }
}
