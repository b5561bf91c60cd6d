import { Injectable } from '@nestjs/common';
import type { TenantTx } from '@plinth/tenancy';
import { Subscription } from './entities/subscription.entity';

/** The organization's subscription row: made on first use, locked for the rest of the unit of work. */
@Injectable()
export class SubscriptionRecords {
  async lock(tx: TenantTx): Promise<Subscription> {
    await tx.manager.createQueryBuilder().insert().into(Subscription).values({ organizationId: tx.organizationId }).orIgnore().execute();
    return tx.repo(Subscription).createQueryBuilder('s').setLock('pessimistic_write').getOneOrFail();
  }

  /** Without a lock or a write: what a read shows (null: the organization never reached checkout). */
  find(tx: TenantTx): Promise<Subscription | null> {
    return tx.repo(Subscription).findOneBy({});
  }

  async update(tx: TenantTx, changes: Partial<Subscription>): Promise<void> {
    await tx.repo(Subscription).update({}, changes);
  }
}
