import { Injectable } from '@nestjs/common';
import type { Role, TenantTx } from '@plinth/tenancy';

/**
 * The `users` quota counts seats: members plus pending invites. The one
 * definition of that count, as SQL for queries that span organizations
 * (platform admin) and as a call in a unit of work.
 */
export function seatCountSql(organizationIdSql: string): string {
  return `((SELECT count(*) FROM organization_members WHERE organization_id = ${organizationIdSql})
         + (SELECT count(*) FROM invites WHERE organization_id = ${organizationIdSql}
              AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()))`;
}

@Injectable()
export class Seats {
  /** Live count; callers that add a seat hold the organization lock. */
  async count(tx: TenantTx): Promise<number> {
    const [row] = (await tx.manager.query(`SELECT ${seatCountSql('$1')} AS seats`, [tx.organizationId])) as Array<{ seats: string }>;
    return Number(row.seats);
  }

  /** Owners and admins, who hear about quota warnings. */
  managers(tx: TenantTx): Promise<Array<{ email: string; name: string }>> {
    return this.withRoles(tx, ['owner', 'admin']);
  }

  /** Owners, who pay and hear about billing. */
  owners(tx: TenantTx): Promise<Array<{ email: string; name: string }>> {
    return this.withRoles(tx, ['owner']);
  }

  private withRoles(tx: TenantTx, roles: Role[]): Promise<Array<{ email: string; name: string }>> {
    return tx.manager.query(
      `SELECT u.email, u.name FROM organization_members m JOIN users u ON u.id = m.user_id
        WHERE m.organization_id = $1 AND m.role = ANY($2) ORDER BY m.joined_at`,
      [tx.organizationId, roles],
    );
  }
}
