import { Injectable } from '@nestjs/common';
import { UnauthenticatedError } from '@plinth/tenancy';
import type { EntityManager } from 'typeorm';
import { User } from '../users/entities/user.entity';
import { WrongPasswordError } from './auth.errors';
import { PasswordHasher } from './password-hasher';

/** The current password, asked again before a sensitive change to a signed-in account. */
@Injectable()
export class AccountCredentials {
  constructor(private readonly hasher: PasswordHasher) {}

  /**
   * The user, locked for the rest of `manager`'s transaction, once `password`
   * is theirs; 403 otherwise, naming the request's `field`.
   */
  async confirm(manager: EntityManager, userId: string, password: string, field = 'password'): Promise<User> {
    const user = await manager
      .createQueryBuilder(User, 'u')
      .addSelect('u.passwordHash')
      .where('u.id = :userId', { userId })
      .setLock('pessimistic_write')
      .getOne();
    if (!user) throw new UnauthenticatedError('The account no longer exists');
    if (!(await this.hasher.verify(user.passwordHash, password))) throw new WrongPasswordError(field);
    return user;
  }
}
