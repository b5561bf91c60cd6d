import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { IS_PUBLIC } from '@plinth/tenancy';
import { DomainError, UnauthenticatedError } from '../../../common/errors';

/** Global: every route needs a valid access token unless it is marked @Public(). */
@Injectable()
export class AuthenticationGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    return isPublic ? true : super.canActivate(context);
  }

  override handleRequest<T>(error: unknown, user: T, info: unknown): T {
    if (error instanceof DomainError) throw error;
    if (error || !user) throw new UnauthenticatedError(describe(info));
    return user;
  }
}

function describe(info: unknown): string {
  const name = (info as { name?: string } | undefined)?.name;
  if (name === 'TokenExpiredError') return 'Access token expired';
  if (name === 'JsonWebTokenError') return 'Access token is invalid';
  return 'Authentication required';
}
