import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { Consumption, Dimension, QUOTA_CROSSED_NOTICE, QuotaService } from '@plinth/quota';
import { TenantTransactions, TenantTx } from '@plinth/tenancy';
import { ClsService } from 'nestjs-cls';
import { DataSource, In } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { AuditLogger } from '../audit/audit-logger';
import { JobQueue } from '../jobs/job-queue';
import { Mailer } from '../mail/mailer';
import { MetricsService } from '../metrics/metrics.service';
import { Seats } from '../members/seats';
import { Site } from '../content/sites/entities/site.entity';
import { Organization } from '../organizations/entities/organization.entity';
import { WebhookOutbox } from '../webhooks/webhook-outbox';

export const QUOTA_WARNING_HEADER = Symbol('plinth:quotaWarningHeader');
const NOTIFY_QUEUE = 'quota.warning-notify';
const SWEEP_QUEUE = 'quota.warning-sweep';

/** What the database says when a consume crosses 80, 90 or 95 % (see libs/quota quota-sql). */
interface QuotaCrossing {
  organizationId: string;
  dimension: Dimension;
  scopeId: string;
  threshold: number;
  current: number;
  limit: number;
  /** The first crossing of this threshold this month: owners and admins are told. */
  first: boolean;
}

interface PendingWarning {
  dimension: Dimension;
  scope_id: string;
  threshold: number;
  current: string;
  limit_value: string;
}

/**
 * A request that crosses 80, 90 or 95 % of a limit says so in
 * X-Quota-Warning. The crossing is recorded by the database in the same
 * transaction (once per threshold, scope and month); once that commits, a
 * job mails owners and admins and writes the audit entry, marking the
 * record notified. A sweep picks up any record a crash left unnotified.
 */
@Injectable()
export class QuotaWarnings implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(QuotaWarnings.name);

  constructor(
    private readonly cls: ClsService,
    private readonly transactions: TenantTransactions,
    private readonly quotas: QuotaService,
    private readonly jobs: JobQueue,
    private readonly mailer: Mailer,
    private readonly audit: AuditLogger,
    private readonly seats: Seats,
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly webhooks: WebhookOutbox,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    this.transactions.addCommitObserver((tx) => this.committed(tx));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.defineQueue({ name: NOTIFY_QUEUE, retryLimit: 10, retryDelaySeconds: 10 });
    await this.jobs.defineQueue({ name: SWEEP_QUEUE, retryLimit: 0, retryDelaySeconds: 60, retentionHours: 1 });
    if (!this.config.JOBS_ENABLED) return;
    await this.jobs.work<{ organizationId: string }>(NOTIFY_QUEUE, (job) => this.notify(job.organizationId), { concurrency: 2 });
    await this.jobs.boss.schedule(SWEEP_QUEUE, '* * * * *');
    await this.jobs.work(SWEEP_QUEUE, () => this.sweep());
  }

  /** For crossings counted outside the database (API calls, metered in memory): a short transaction of its own. */
  async crossedOutsideTransaction(organizationId: string, dimension: Dimension, consumption: Consumption): Promise<void> {
    await this.transactions
      .run(organizationId, (tx) => this.quotas.warn(tx, dimension, consumption))
      .catch((error) => this.logger.error(error, 'Quota warning not recorded'));
  }

  /** After a commit: the header for every crossing, a notification job for first ones. */
  private async committed(tx: TenantTx): Promise<void> {
    const crossings = tx.notices
      .filter((n) => n.message === QUOTA_CROSSED_NOTICE && n.detail)
      .map((n) => JSON.parse(n.detail as string) as QuotaCrossing);
    for (const crossing of crossings) this.metrics.quotaWarned(crossing.dimension, crossing.threshold);
    const last = crossings[crossings.length - 1];
    if (last && this.cls.isActive()) this.cls.set(QUOTA_WARNING_HEADER, `${last.dimension}=${last.threshold}`);
    if (crossings.some((c) => c.first)) {
      await this.jobs.boss.send(NOTIFY_QUEUE, { organizationId: tx.organizationId }).catch((error) => {
        this.logger.error(error, 'Quota warning notification not queued; the sweep will send it');
      });
    }
  }

  /**
   * Mails and audits every unnotified crossing of the organization, once: the
   * UPDATE claims them. Crossings of one limit that piled up meanwhile (80 then
   * 90 %) make one mail, about the highest.
   */
  async notify(organizationId: string): Promise<void> {
    await this.transactions.run(organizationId, async (tx) => {
      const [pending] = (await tx.manager.query(
        `UPDATE quota_warnings SET notified_at = now()
          WHERE organization_id = $1 AND notified_at IS NULL
        RETURNING dimension, scope_id, threshold, current, limit_value`,
        [organizationId],
      )) as [PendingWarning[], number];
      if (pending.length === 0) return;
      const recipients = await this.seats.managers(tx);
      const { name: organizationName } = await tx.manager.findOneByOrFail(Organization, { id: organizationId });
      const siteNames = await this.siteNames(tx, pending);
      for (const warning of highestPerLimit(pending)) {
        await this.tell(tx, warning, recipients, { organizationName, siteName: siteNames.get(warning.scope_id) ?? null });
      }
    });
  }

  private async siteNames(tx: TenantTx, warnings: PendingWarning[]): Promise<Map<string, string>> {
    const ids = [...new Set(warnings.filter((w) => w.dimension === 'posts').map((w) => w.scope_id))];
    if (ids.length === 0) return new Map();
    const sites = await tx.repo(Site).find({ where: { id: In(ids) }, select: { id: true, name: true } });
    return new Map(sites.map((site) => [site.id, site.name]));
  }

  private async tell(
    tx: TenantTx,
    w: PendingWarning,
    recipients: Array<{ email: string; name: string }>,
    names: { organizationName: string; siteName: string | null },
  ) {
    const figures = { threshold: w.threshold, current: Number(w.current), limit: Number(w.limit_value) };
    const links = this.links(tx.organizationSlug);
    for (const r of recipients) {
      await this.mailer.send(tx.manager, r.email, 'quotaWarning', { name: r.name, ...names, dimension: w.dimension, ...figures, ...links });
    }
    await this.audit.record(tx, {
      action: 'quota.warning',
      targetType: 'quota',
      targetId: w.dimension,
      metadata: { ...figures, scopeId: w.scope_id },
    });
    await this.webhooks.enqueue(tx, 'quota.warning', { dimension: w.dimension, scopeId: w.scope_id, ...figures });
  }

  private links(slug: string): { usageUrl: string; upgradeUrl: string } {
    const organization = `${this.config.APP_URL.replace(/\/$/, '')}/o/${slug}`;
    return { usageUrl: `${organization}/usage`, upgradeUrl: `${organization}/billing` };
  }

  /** Crossings a crash left unnotified (committed, but the job never queued). */
  async sweep(): Promise<void> {
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT organization_id FROM quota_warnings
        WHERE notified_at IS NULL AND created_at < now() - interval '30 seconds'`,
    )) as Array<{ organization_id: string }>;
    for (const row of rows) await this.notify(row.organization_id);
  }
}

/** Per limit (dimension and scope), the crossing of the highest threshold; in a stable order. */
function highestPerLimit(warnings: PendingWarning[]): PendingWarning[] {
  const highest = new Map<string, PendingWarning>();
  for (const w of warnings) {
    const key = `${w.dimension}:${w.scope_id}`;
    if ((highest.get(key)?.threshold ?? -1) < w.threshold) highest.set(key, w);
  }
  return [...highest.values()].sort((a, b) => a.dimension.localeCompare(b.dimension) || a.scope_id.localeCompare(b.scope_id));
}
