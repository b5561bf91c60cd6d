import { ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { AuthenticatedUser } from '../access-token';
import { SessionsService } from '../sessions.service';
import { DomainError, IS_AUTHENTICATED, IS_PUBLIC, REQUIRED_PERMISSION, RoutePolicyError, UnauthenticatedError } from '@plinth/tenancy';

/**
 * Global and deny-by-default: a route is reachable only when it says who may
 * call it. @Public: anyone. @Authenticated: a signed-in user (not an API key).
 * @Authorize: a user or an API key, then the TenantGuard decides.
 */
@Injectable()
export class AuthenticationGuard extends AuthGuard(['api-key', 'jwt']) {
  private readonly logger = new Logger(AuthenticationGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const usersOnly = this.reflector.getAllAndOverride<boolean>(IS_AUTHENTICATED, targets);
    if (!usersOnly && !this.reflector.getAllAndOverride(REQUIRED_PERMISSION, targets)) {
      this.logger.error(`${context.getClass().name}.${context.getHandler().name} declares no access policy`);
      throw new RoutePolicyError();
    }
    await super.canActivate(context);
    const principal = context.switchToHttp().getRequest().user as AuthenticatedUser | { kind: 'api_key' };
    if (usersOnly && principal.kind !== 'user') throw new RoutePolicyError('This endpoint is for signed-in users, not API keys');
    // A tenant route checks the session in the query that resolves its membership; a signed-in-only route here.
    if (usersOnly && principal.kind === 'user') await this.ensureLive(principal);
    return true;
  }

  /** Sign-out, a password change or reset, a reused refresh token or a deleted account end the token before its 15 minutes. */
  private async ensureLive(principal: AuthenticatedUser): Promise<void> {
    const state = await this.sessions.state(principal.userId, principal.familyId);
    if (state === 'no_account') throw new UnauthenticatedError('The account no longer exists');
    if (state === 'ended') throw new UnauthenticatedError('This session has ended; sign in again');
  }

  override handleRequest<T>(error: unknown, user: T, info: unknown): T {
    if (error instanceof DomainError) throw error;
    if (error || !user) throw new UnauthenticatedError(describe(info));
    return user;
  }
}

function describe(info: unknown): string {
  const first = (Array.isArray(info) ? info.find(Boolean) : info) as { name?: string } | undefined;
  const name = first?.name;
  if (name === 'TokenExpiredError') return 'Access token expired';
  if (name === 'JsonWebTokenError') return 'Access token is invalid';
  return 'Authentication required';
}
