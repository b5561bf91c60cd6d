import { Injectable, Logger } from '@nestjs/common';
import { Dimension, periodStart } from '@plinth/quota';
import { TenantTransactions } from '@plinth/tenancy';
import { ClsService } from 'nestjs-cls';
import type { EntityManager } from 'typeorm';
import { AuditLogger } from '../audit/audit-logger';
import { Mailer } from '../mail/mailer';

export const QUOTA_WARNING_HEADER = Symbol('plinth:quotaWarningHeader');

export interface CrossedThreshold {
  organizationId: string;
  dimension: Dimension;
  threshold: number;
  current: number;
  limit: number;
}

/**
 * A request that crosses 80, 90 or 95 % of a limit says so in
 * X-Quota-Warning; owners and admins are mailed and the audit log notes it
 * once per threshold per period, however often usage dips and rises again.
 */
@Injectable()
export class QuotaWarnings {
  private readonly logger = new Logger(QuotaWarnings.name);

  constructor(
    private readonly cls: ClsService,
    private readonly transactions: TenantTransactions,
    private readonly mailer: Mailer,
    private readonly audit: AuditLogger,
  ) {}

  /** Inside the write's tenant transaction. */
  async crossed(manager: EntityManager, crossing: CrossedThreshold): Promise<void> {
    this.markResponse(crossing);
    if (!(await this.firstThisPeriod(manager, crossing))) return;
    await this.notify(manager, crossing);
  }

  /** For metering, which has no transaction of its own: a short one just for the notice. */
  async crossedOutsideTransaction(crossing: CrossedThreshold): Promise<void> {
    this.markResponse(crossing);
    await this.transactions
      .run(crossing.organizationId, async (manager) => {
        if (await this.firstThisPeriod(manager, crossing)) await this.notify(manager, crossing);
      })
      .catch((error) => this.logger.error(error, 'Quota warning not recorded'));
  }

  private markResponse({ dimension, threshold }: CrossedThreshold): void {
    if (this.cls.isActive()) this.cls.set(QUOTA_WARNING_HEADER, `${dimension}=${threshold}`);
  }

  private async firstThisPeriod(manager: EntityManager, c: CrossedThreshold): Promise<boolean> {
    const inserted = await manager.query(
      `INSERT INTO quota_warnings (organization_id, dimension, threshold, period_start)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING threshold`,
      [c.organizationId, c.dimension, c.threshold, periodStart()],
    );
    return inserted.length > 0;
  }

  private async notify(manager: EntityManager, c: CrossedThreshold): Promise<void> {
    const recipients = (await manager.query(
      `SELECT u.email, u.name, o.name AS organization
         FROM organization_members m JOIN users u ON u.id = m.user_id JOIN organizations o ON o.id = m.organization_id
        WHERE m.organization_id = $1 AND m.role IN ('owner', 'admin')`,
      [c.organizationId],
    )) as Array<{ email: string; name: string; organization: string }>;
    for (const r of recipients) {
      await this.mailer.send(manager, r.email, 'quotaWarning', {
        name: r.name,
        organizationName: r.organization,
        dimension: c.dimension,
        threshold: c.threshold,
        current: c.current,
        limit: c.limit,
      });
    }
    await this.audit.recordIn(
      manager,
      c.organizationId,
      { actor: { type: 'system', id: null } },
      {
        action: 'quota.warning',
        targetType: 'quota',
        targetId: c.dimension,
        metadata: { threshold: c.threshold, current: c.current, limit: c.limit },
      },
    );
  }
}
