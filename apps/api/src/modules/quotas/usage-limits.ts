import { Injectable } from '@nestjs/common';
import { Consumption, QuotaService } from '@plinth/quota';
import type { TenantTx } from '@plinth/tenancy';
import { Seats } from '../members/seats';

/**
 * The `users` quota: seats (members + pending invites) are counted live
 * under the organization lock the caller holds, not by a counter row, so
 * they are checked here rather than by the database's counting triggers.
 */
@Injectable()
export class UsageLimits {
  constructor(
    private readonly quotas: QuotaService,
    private readonly seats: Seats,
  ) {}

  /** 402 unless one more seat fits; `alreadyCounted` seats of the caller's (its own invite) are not counted twice. */
  async admitUser(tx: TenantTx, alreadyCounted = 0): Promise<Consumption> {
    const current = (await this.seats.count(tx)) - alreadyCounted;
    const consumption = await this.quotas.ensureRoom(tx, 'users', current, 1);
    await this.quotas.warn(tx, 'users', consumption);
    return consumption;
  }
}
