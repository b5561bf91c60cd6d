import type { Actor } from '@plinth/tenancy';
import type { EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '../auth/access-token';
import { User } from '../users/entities/user.entity';

/** The platform admin as an audit entry names them, in the log of an organization they need not belong to. */
export async function platformAdminActor(manager: EntityManager, caller: AuthenticatedUser): Promise<Actor> {
  const admin = await manager.findOneByOrFail(User, { id: caller.userId });
  return { type: 'user', id: admin.id, email: admin.email };
}

/** Added to the metadata of every audit entry a platform admin's action writes. */
export const BY_PLATFORM_ADMIN = { byPlatformAdmin: true } as const;
