import { Injectable } from '@nestjs/common';
import { ApiCallMeter } from '@plinth/quota';
import type { TenantContext } from '@plinth/tenancy';
import type { OnboardingDto } from './onboarding.dto';

/**
 * A read model over several modules' tables, answered in one statement: EXISTS
 * probes, each on an index that leads with organization_id. (Asking
 * each module would be a round trip per tick of one page.)
 */
const CHECKLIST_SQL = `
  SELECT
    EXISTS (SELECT 1 FROM users WHERE id = $2 AND email_verified_at IS NOT NULL) AS "emailVerified",
    EXISTS (SELECT 1 FROM sites WHERE organization_id = $1) AS "siteCreated",
    EXISTS (SELECT 1 FROM posts WHERE organization_id = $1) AS "postWritten",
    EXISTS (SELECT 1 FROM invites WHERE organization_id = $1)
      OR EXISTS (SELECT 1 FROM organization_members WHERE organization_id = $1 AND user_id <> $2) AS "colleagueInvited",
    EXISTS (SELECT 1 FROM api_keys WHERE organization_id = $1) AS "apiKeyCreated",
    EXISTS (SELECT 1 FROM api_call_days WHERE organization_id = $1) AS "apiCalled"`;

@Injectable()
export class OnboardingService {
  constructor(private readonly meter: ApiCallMeter) {}

  checklist(tenant: TenantContext): Promise<OnboardingDto> {
    return tenant.transaction(async (tx) => {
      const [row] = (await tx.manager.query(CHECKLIST_SQL, [tx.organizationId, tx.actor.id])) as [OnboardingDto];
      // A first call the meter has counted but not written yet counts too.
      return { ...row, apiCalled: row.apiCalled || this.meter.unflushed(tx.organizationId) > 0 };
    });
  }
}
