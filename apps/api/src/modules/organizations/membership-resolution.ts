import { isUuid, PlanTier, Role, TenantResolution } from '@plinth/tenancy';
import { sessionEndedSql } from '../auth/session-state';

export interface MembershipRow {
  organization_id: string;
  slug: string;
  plan_tier: PlanTier;
  role: Role;
  email: string;
  /** The token's session was ended (logout, password reset, refresh-token reuse): refuse it. */
  session_ended: boolean;
}

/**
 * The user's membership of the organization `reference` names (its id, or
 * its slug), and whether the session of the access token has ended: the
 * query that opens a signed-in user's tenant transaction.
 */
export function membershipResolution(userId: string, reference: string, sessionFamilyId: string): TenantResolution {
  const column = isUuid(reference) ? 'o.id' : 'o.slug';
  return {
    sql: `SELECT m.organization_id, o.slug, o.plan_tier, m.role, u.email, ${sessionEndedSql('$3')} AS session_ended
            FROM organization_members m
            JOIN organizations o ON o.id = m.organization_id
            JOIN users u ON u.id = m.user_id
           WHERE m.user_id = $1 AND ${column} = $2`,
    params: [userId, column === 'o.id' ? reference.toLowerCase() : reference, sessionFamilyId],
  };
}
