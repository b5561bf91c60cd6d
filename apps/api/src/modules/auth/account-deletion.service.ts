import { Injectable } from '@nestjs/common';
import { Actor, NotFoundError, RequestOrigin, TenantTransactions, TenantTx } from '@plinth/tenancy';
import { DataSource } from 'typeorm';
import { MembersService } from '../members/members.service';
import { OrganizationMember } from '../organizations/entities/organization-member.entity';
import { lockOrganization } from '../organizations/organization-lock';
import { OrganizationsService } from '../organizations/organizations.service';
import { User } from '../users/entities/user.entity';
import { AccountCredentials } from './account-credentials';
import { AccountChangedError, BlockingOrganization, LastOwnerOfOrganizationsError } from './auth.errors';

interface MembershipRow extends BlockingOrganization {
  role: string;
  members: number;
  other_owners: number;
}

/**
 * Deletes a signed-in user's account. Organizations where they are the only
 * member go with it, through the organization deletion path (their
 * subscription ends first); from the others they leave, as `leave` does
 * (audited). None may be left with members but no owner.
 *
 * Each organization is its own unit of work — a transaction is pinned to one
 * tenant — rechecked under the organization's lock; then the account, in one
 * transaction that refuses if a membership appeared meanwhile.
 */
@Injectable()
export class AccountDeletionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TenantTransactions,
    private readonly credentials: AccountCredentials,
    private readonly organizations: OrganizationsService,
    private readonly members: MembersService,
  ) {}

  async delete(userId: string, password: string, origin: RequestOrigin): Promise<void> {
    const user = await this.dataSource.transaction((manager) => this.credentials.confirm(manager, userId, password));
    const memberships = await this.membershipsOf(userId);
    const blocking = memberships.filter((m) => m.role === 'owner' && m.members > 1 && m.other_owners === 0);
    if (blocking.length > 0) throw new LastOwnerOfOrganizationsError(blocking.map(({ id, name, slug }) => ({ id, name, slug })));
    const actor: Actor = { type: 'user', id: userId, email: user.email };
    // Deletions first: should the provider refuse to end a subscription, the account has left no organization yet.
    const soloFirst = [...memberships].sort((a, b) => Number(b.members === 1) - Number(a.members === 1));
    for (const { id } of soloFirst) {
      await this.transactions
        .run(id, (tx) => this.leaveOrDelete(tx, userId), { actor, origin })
        .catch((error: unknown) => {
          if (!(error instanceof NotFoundError)) throw error; // deleted meanwhile: nothing left to leave
        });
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.findOne(User, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (await manager.existsBy(OrganizationMember, { userId })) throw new AccountChangedError();
      // Sessions and link tokens cascade; API keys and invites the user created stay with their organization.
      await manager.delete(User, { id: userId });
    });
  }

  /** The user's organizations (across tenants, as the system), each with its member count and its other owners. */
  private membershipsOf(userId: string): Promise<MembershipRow[]> {
    return this.dataSource.query(
      `SELECT o.id, o.name, o.slug, m.role,
              (SELECT count(*) FROM organization_members x WHERE x.organization_id = o.id)::int AS members,
              (SELECT count(*) FROM organization_members x
                WHERE x.organization_id = o.id AND x.role = 'owner' AND x.user_id <> $1)::int AS other_owners
         FROM organization_members m
         JOIN organizations o ON o.id = m.organization_id
        WHERE m.user_id = $1
        ORDER BY m.joined_at, o.id`,
      [userId],
    );
  }

  /** Under the organization's lock: deleted if the user is still its only member, else they leave it (never its last owner). */
  private async leaveOrDelete(tx: TenantTx, userId: string): Promise<void> {
    await lockOrganization(tx);
    const members = await tx.repo(OrganizationMember).find();
    if (!members.some((m) => m.userId === userId)) return;
    // The unit of work is open, so both run in it (and its lock) rather than in one of their own.
    if (members.length === 1) await this.organizations.delete(tx.context);
    else await this.members.leave(tx.context);
  }
}
