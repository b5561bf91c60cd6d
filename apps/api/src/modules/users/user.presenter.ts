import type { AppConfig } from '../../config/app-config';
import type { UserDto } from './dto/user.dto';
import type { User } from './entities/user.entity';

export function presentUser(user: User, config: AppConfig): UserDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    emailVerified: user.emailVerifiedAt !== null,
    isPlatformAdmin: config.isPlatformAdmin(user.email),
    createdAt: user.createdAt.toISOString(),
  };
}
