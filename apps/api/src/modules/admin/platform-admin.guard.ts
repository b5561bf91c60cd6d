import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import { DomainError, IS_AUTHENTICATED } from '@plinth/tenancy';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import type { AuthenticatedUser } from '../auth/access-token';
import { User } from '../users/entities/user.entity';
import { isPlatformAdmin } from '../users/user.presenter';

class NotPlatformAdminError extends DomainError {
  constructor() {
    super('FORBIDDEN', 'Platform administrators only', { permission: 'platform:admin' });
  }
}

/** Platform admins are named by PLATFORM_ADMIN_EMAILS, address verified; checked against the account on every request. */
@Injectable()
export class PlatformAdminGuard implements CanActivate {
  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const caller = context.switchToHttp().getRequest<{ user: AuthenticatedUser }>().user;
    const user = await this.dataSource.manager.findOneBy(User, { id: caller.userId });
    if (!user || !isPlatformAdmin(user, this.config)) throw new NotPlatformAdminError();
    return true;
  }
}

/** A signed-in platform administrator (never an API key). */
export function PlatformAdmin(): MethodDecorator {
  return applyDecorators(
    SetMetadata(IS_AUTHENTICATED, true),
    UseGuards(PlatformAdminGuard),
    ApiBearerAuth(),
    ApiExtension('x-permission', 'platform-admin'),
  );
}
