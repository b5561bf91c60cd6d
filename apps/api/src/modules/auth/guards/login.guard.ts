import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { createValidationPipe } from '../../../common/validation.pipe';
import { DomainError, UnauthenticatedError } from '@plinth/tenancy';
import { LoginDto } from '../dto/auth-requests.dto';
import { LoginSlowdown } from './login-slowdown';

/** Validates the login body first (400 before 401), slows a much-tried address, then runs the local strategy. */
@Injectable()
export class LoginGuard extends AuthGuard('local') {
  private readonly validation = createValidationPipe();

  constructor(private readonly slowdown: LoginSlowdown) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const body = (await this.validation.transform(request.body, { type: 'body', metatype: LoginDto })) as LoginDto;
    request.body = body;
    await this.slowdown.wait(body.email);
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T>(error: unknown, user: T): T {
    if (error instanceof DomainError) throw error;
    if (error || !user) throw new UnauthenticatedError('Invalid email or password');
    return user;
  }
}
