import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { PlanCatalog } from '@plinth/quota';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { JobQueue } from '../jobs/job-queue';
import { MetricsService } from './metrics.service';

/** Across tenants, as the system (organizations carry no row-level security): one grouped count. */
const ORGANIZATIONS_BY_PLAN_SQL = 'SELECT plan_tier AS plan, count(*)::int AS count FROM organizations GROUP BY plan_tier';

/**
 * Gauges read when /metrics is scraped (every 15 s or so), never per request.
 * A source that fails leaves its gauge empty for that scrape: the rest of the
 * page, process metrics included, is still served.
 */
@Injectable()
export class ScrapeGauges implements OnModuleInit {
  private readonly logger = new Logger(ScrapeGauges.name);

  constructor(
    private readonly metrics: MetricsService,
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly catalog: PlanCatalog,
  ) {}

  onModuleInit(): void {
    const organizations: Gauge<'plan'> = new Gauge({
      name: 'plinth_organizations',
      help: 'Organizations by plan tier (read at scrape time)',
      labelNames: ['plan'] as const,
      registers: [this.metrics.registry],
      collect: () => this.refresh(organizations, 'organizations', () => this.organizationsByPlan()),
    });
    const queues: Gauge<'queue'> = new Gauge({
      name: 'plinth_job_queue_depth',
      help: 'Jobs waiting to run (created, or waiting for a retry), by queue (read at scrape time)',
      labelNames: ['queue'] as const,
      registers: [this.metrics.registry],
      collect: () => this.refresh(queues, 'job queues', () => this.queueDepths()),
    });
  }

  private async refresh<L extends string>(gauge: Gauge<L>, source: string, read: () => Promise<Array<[Record<L, string>, number]>>) {
    gauge.reset();
    try {
      for (const [labels, value] of await read()) gauge.set(labels, value);
    } catch (error) {
      this.logger.warn({ err: error }, `Metrics: ${source} not read for this scrape`);
    }
  }

  /** Every tier of the catalog, 0 when no organization is on it (a series that vanishes breaks rate() and alerts). */
  private async organizationsByPlan(): Promise<Array<[{ plan: string }, number]>> {
    const rows = (await this.dataSource.query(ORGANIZATIONS_BY_PLAN_SQL)) as Array<{ plan: string; count: number }>;
    const counts = new Map<string, number>(this.catalog.plans.map((plan) => [plan.tier, 0]));
    for (const row of rows) counts.set(row.plan, row.count);
    return [...counts].map(([plan, count]) => [{ plan }, count]);
  }

  private async queueDepths(): Promise<Array<[{ queue: string }, number]>> {
    const queues = await this.jobs.boss.getQueues();
    return Promise.all(
      queues.map(async ({ name }) => [{ queue: name }, (await this.jobs.boss.getQueueSize(name)) ?? 0] as [{ queue: string }, number]),
    );
  }
}
