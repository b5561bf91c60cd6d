import { Injectable } from '@nestjs/common';
import { PlanFeatureUnavailableError, QuotaExceededDetails, QuotaExceededError, QuotaService } from '@plinth/quota';
import { PLAN_TIERS, PlanTier, RequestOrigin, TenantTransactions, TenantTx } from '@plinth/tenancy';
import type { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../../../config/app-config';
import { AuditLogger } from '../../audit/audit-logger';
import { User } from '../../users/entities/user.entity';
import { SLUG_PATTERN } from '../dto/organization-requests.dto';
import { Organization } from '../entities/organization.entity';
import { EXPORT_FORMAT, EXPORT_VERSION } from '../export/export-format';
import { OrganizationFactory } from '../organization-factory';
import { presentOrganization } from '../organization.presenter';
import { SlugTakenError } from '../organizations.errors';
import { SingleTenant } from '../single-tenant';
import type { OrganizationImportDto } from './dto/organization-import.dto';
import { ImportReport } from './import-report';
import { ImportSlots } from './import-slots';
import { ImportTargets, RecordReader } from './import-targets';
import { ndjsonLines } from './ndjson-lines';
import { ImportLineError, lineError } from './organization-import.errors';
import { httpsUrl, ImportRecord, nullable, oneOf, problemsOf, RecordShape, text, timestamp, uuid, wholeNumber } from './record-rules';

/** The longest line read: a post's body at its longest, escaped, fits; a media_content line is 256 KiB. */
const MAX_LINE_BYTES = 1024 * 1024;

const HEADER: RecordShape = { fields: { version: wholeNumber({ min: 1 }), exportedAt: timestamp } };
const ORGANIZATION: RecordShape = {
  fields: {
    id: uuid,
    name: text({ min: 1, max: 100 }),
    slug: text({ max: 100 }),
    logoUrl: nullable(httpsUrl),
    planTier: oneOf(PLAN_TIERS),
    createdAt: timestamp,
  },
};

interface Numbered {
  line: number;
  record: ImportRecord;
}

type Records = AsyncGenerator<Numbered>;

@Injectable()
export class OrganizationImportService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly factory: OrganizationFactory,
    private readonly targets: ImportTargets,
    private readonly quotas: QuotaService,
    private readonly audit: AuditLogger,
    private readonly config: AppConfig,
    private readonly slots: ImportSlots,
    private readonly singleTenant: SingleTenant,
  ) {}

  /**
   * Reads the export as it arrives — its header, the organization's record —
   * then, in one transaction, founds the organization as the system with
   * the caller as owner and, as its tenant, hands every further record to
   * the target that reads its type. A bad line, a quota passed, anything:
   * the transaction rolls back and stored files are removed.
   */
  async import(userId: string, body: Readable, origin: RequestOrigin): Promise<OrganizationImportDto> {
    const release = this.slots.take(userId);
    try {
      this.singleTenant.refuseAnother();
      const records = recordsOf(ndjsonLines(body.iterator({ destroyOnReturn: false }), MAX_LINE_BYTES));
      const header = await this.header(records);
      const source = await this.organizationRecord(records);
      return await this.create(userId, { header, source }, records, origin);
    } catch (error) {
      body.resume(); // the rest is read and dropped, so the answer is not stuck behind it
      throw error;
    } finally {
      release();
    }
  }

  private async create(userId: string, file: { header: ImportRecord; source: ImportRecord }, records: Records, origin: RequestOrigin) {
    let readers: RecordReader[] = [];
    try {
      return await this.transactions.runAfterSystem(
        (manager) => this.found(manager, userId, file.source),
        async (tx, { organization, ownerEmail }) => {
          await this.quotas.countInBulk(tx);
          const report = new ImportReport(tx, ownerEmail, this.targets.reported());
          const byType = this.targets.open(report);
          readers = [...new Set(byType.values())];
          for await (const { line, record } of records) await this.dispatch(byType, record, line);
          for (const reader of readers) await reader.finish();
          await this.record(tx, file, report);
          return {
            organization: { ...presentOrganization(organization), role: 'owner' as const },
            counts: report.counts,
            notImported: report.notImportedCounts,
            membersToInvite: report.membersToInvite,
          };
        },
        origin,
      );
    } catch (error) {
      await Promise.allSettled(readers.map((reader) => reader.abandon()));
      throw this.withPricingLink(error);
    }
  }

  /** The new organization on the Free plan, named as the old one, its slug kept when free; the caller is its owner. */
  private async found(manager: EntityManager, userId: string, source: ImportRecord) {
    const user = await manager.findOneByOrFail(User, { id: userId });
    await this.factory.ensureMayOwnAnotherFree(manager, userId, this.config.FREE_ORGANIZATIONS_PER_USER);
    const name = source.name as string;
    const slug = SLUG_PATTERN.test(source.slug as string) ? (source.slug as string) : undefined;
    const owner = { userId, name };
    const withSlug = slug
      ? await this.factory.createWithOwner(manager, { ...owner, slug }).catch((error) => {
          if (error instanceof SlugTakenError) return null;
          throw error;
        })
      : null;
    const organization = withSlug ?? (await this.factory.createWithOwner(manager, owner));
    if (source.logoUrl) {
      organization.logoUrl = source.logoUrl as string;
      await manager.update(Organization, { id: organization.id }, { logoUrl: organization.logoUrl });
    }
    return {
      organizationId: organization.id,
      organization,
      ownerEmail: user.email,
      actor: { type: 'user' as const, id: userId, email: user.email },
    };
  }

  private async dispatch(readers: Map<string, RecordReader>, record: ImportRecord, line: number): Promise<void> {
    const shape = this.targets.shapeOf(record.type);
    const reader = readers.get(record.type);
    if (record.type === EXPORT_FORMAT || record.type === 'organization') {
      throw lineError(line, 'type', `an export has one ${record.type} record, on line ${record.type === EXPORT_FORMAT ? 1 : 2}`);
    }
    if (!shape || !reader) throw lineError(line, 'type', `"${record.type}" is not a record type of export version ${EXPORT_VERSION}`);
    const problems = problemsOf(shape, record);
    if (problems.length > 0) throw new ImportLineError(line, problems);
    await reader.read(record.type, record, line);
  }

  private async header(records: Records): Promise<ImportRecord> {
    const first = await records.next();
    if (first.done) throw lineError(1, 'line', 'the body is empty: send an export of GET /organizations/{id}/export');
    const { line, record } = first.value;
    if (record.type !== EXPORT_FORMAT)
      throw lineError(line, 'type', `the first line must be the export's header, of type "${EXPORT_FORMAT}"`);
    if (record.version !== EXPORT_VERSION && typeof record.version === 'number') {
      throw lineError(line, 'version', `this deployment reads exports of version ${EXPORT_VERSION}, not ${record.version}`);
    }
    const problems = problemsOf(HEADER, record);
    if (problems.length > 0) throw new ImportLineError(line, problems);
    return record;
  }

  private async organizationRecord(records: Records): Promise<ImportRecord> {
    const next = await records.next();
    if (next.done) throw lineError(2, 'line', 'the organization record must follow the header');
    const { line, record } = next.value;
    if (record.type !== 'organization') throw lineError(line, 'type', 'the organization record must follow the header');
    const problems = problemsOf(ORGANIZATION, record);
    if (problems.length > 0) throw new ImportLineError(line, problems);
    return record;
  }

  private async record(tx: TenantTx, file: { header: ImportRecord; source: ImportRecord }, report: ImportReport): Promise<void> {
    await this.audit.record(tx, {
      action: 'organization.imported',
      targetType: 'organization',
      targetId: tx.organizationId,
      metadata: {
        slug: tx.organizationSlug,
        from: { organizationId: file.source.id, slug: file.source.slug, exportedAt: file.header.exportedAt },
        counts: report.counts,
        notImported: report.notImportedCounts,
      },
    });
  }

  /** A refusal's upgrade link cannot name the organization, which was not kept: it names the plans. */
  private withPricingLink(error: unknown): unknown {
    const upgradeUrl = `${this.config.APP_URL.replace(/\/$/, '')}/pricing`;
    if (error instanceof QuotaExceededError) return new QuotaExceededError({ ...(error.details as QuotaExceededDetails), upgradeUrl });
    if (error instanceof PlanFeatureUnavailableError) {
      const { feature, requiredTier } = error.details as { feature: string; requiredTier: PlanTier | null };
      return new PlanFeatureUnavailableError({ feature, requiredTier, upgradeUrl });
    }
    return error;
  }
}

/** Each non-blank line as a JSON object with a string `type`, numbered. */
async function* recordsOf(lines: AsyncIterable<{ number: number; text: string }>): Records {
  for await (const { number, text } of lines) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw lineError(number, 'line', 'the line is not JSON');
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      throw lineError(number, 'line', 'the line must be a JSON object');
    if (typeof (value as { type?: unknown }).type !== 'string')
      throw lineError(number, 'type', 'type must be a string naming the record type');
    yield { line: number, record: value as ImportRecord };
  }
}
