import type { AppConfig } from '../../config/app-config';
import type { UserDto } from './dto/user.dto';
import type { User } from './entities/user.entity';

export function presentUser(user: User, config: AppConfig): UserDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    emailVerified: user.emailVerifiedAt !== null,
    isPlatformAdmin: isPlatformAdmin(user, config),
    createdAt: user.createdAt.toISOString(),
  };
}

/** A listed address is not enough: whoever signs up with it must also prove they receive its mail. */
export function isPlatformAdmin(user: Pick<User, 'email' | 'emailVerifiedAt'>, config: AppConfig): boolean {
  return user.emailVerifiedAt !== null && config.isPlatformAdminEmail(user.email);
}
