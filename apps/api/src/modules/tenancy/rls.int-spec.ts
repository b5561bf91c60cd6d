import { enterTenant, scoped, TenantTransactions } from '@plinth/tenancy';
import { DataSource } from 'typeorm';
import { signUp, startTestApp, TestApp } from '../../../test/harness';
import { AuditLog } from '../audit/entities/audit-log.entity';
import { OrganizationMember } from '../organizations/entities/organization-member.entity';

/**
 * The second wall on its own: the application's organization filter is
 * deliberately left out, and row-level security alone keeps tenants apart.
 */
describe('row-level security', () => {
  let t: TestApp;
  let tx: TenantTransactions;
  let orgA: string;
  let orgB: string;

  beforeAll(async () => {
    t = await startTestApp();
    tx = t.app.get(TenantTransactions);
    orgA = (await signUp(t.http)).organizationId;
    orgB = (await signUp(t.http)).organizationId;
    for (const org of [orgA, orgB]) await seedTenantRows(t.app.get(DataSource), org);
  });
  afterAll(() => t.close());

  it.each(['organizations', 'organization_members', 'audit_logs', 'invites', 'api_keys'])(
    'shows tenant A none of B’s rows in %s when the query has no organization filter',
    async (table) => {
      const column = table === 'organizations' ? 'id' : 'organization_id';
      const rows: Array<{ org: string }> = await tx.run(orgA, (manager) => manager.query(`SELECT ${column}::text AS org FROM ${table}`));
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.filter((row) => row.org !== orgA)).toEqual([]);
    },
  );

  it('sees A’s own membership through the same unfiltered query', async () => {
    const members = await tx.run(orgA, (manager) => manager.find(OrganizationMember));
    expect(members.map((m) => m.organizationId)).toEqual([orgA]);
  });

  it('refuses an insert stamped with another tenant’s id', async () => {
    const insert = tx.run(orgA, (manager) =>
      manager.insert(AuditLog, { organizationId: orgB, action: 'test.forged', actorType: 'system', metadata: {} }),
    );
    await expect(insert).rejects.toThrow(/row-level security/);
  });

  it('refuses to move a row to another tenant', async () => {
    const update = tx.run(orgA, (manager) =>
      manager.query('UPDATE organization_members SET organization_id = $1 WHERE organization_id = $2', [orgB, orgA]),
    );
    await expect(update).rejects.toThrow(/row-level security/);
  });

  it('keeps the audit log append-only for the request path', async () => {
    const erase = tx.run(orgA, (manager) => manager.query('DELETE FROM audit_logs'));
    await expect(erase).rejects.toThrow(/permission denied/);
  });

  it('sees nothing at all in a transaction that entered no tenant but took the app role', async () => {
    const rows = await t.app.get(DataSource).transaction(async (manager) => {
      await manager.query(`SELECT set_config('role', 'plinth_app', true)`);
      return manager.query('SELECT id FROM organization_members');
    });
    expect(rows).toEqual([]);
  });

  it('lets the first wall refuse an organization id in a where clause', () => {
    const repository = scoped(t.app.get(DataSource).manager, OrganizationMember, orgA);
    expect(() => repository.find({ where: { organizationId: orgB } as never })).toThrow(/organizationId is set by the scoped repository/);
  });

  it('keeps the scope of a scoped query builder when a caller adds where()', async () => {
    // As the system (no RLS): only the first wall stands between tenants here.
    const rows = await scoped(t.app.get(DataSource).manager, OrganizationMember, orgA).createQueryBuilder('m').where('1 = 1').getMany();
    expect(rows.map((m) => m.organizationId)).toEqual([orgA]);
  });

  it('pins a transaction to exactly one organization', async () => {
    const seen = await t.app.get(DataSource).transaction(async (manager) => {
      await enterTenant(manager, orgB);
      return scoped(manager, OrganizationMember, orgB).countBy();
    });
    expect(seen).toBe(1);
  });
});

/** One row of each tenant table, written as the system (the table owner, which RLS does not restrict). */
async function seedTenantRows(dataSource: DataSource, organizationId: string): Promise<void> {
  const suffix = organizationId.slice(0, 8);
  await dataSource.manager.insert(AuditLog, { organizationId, action: 'test.seeded', actorType: 'system', metadata: {} });
  await dataSource.query(
    `INSERT INTO invites (organization_id, email, role, token_hash, expires_at)
     VALUES ($1, $2, 'viewer', $3, now() + interval '1 day')`,
    [organizationId, `rls-${suffix}@example.test`, `rls-invite-${organizationId}`],
  );
  await dataSource.query(`INSERT INTO api_keys (organization_id, name, prefix, key_hash, role) VALUES ($1, 'rls', $2, $3, 'viewer')`, [
    organizationId,
    `plk_rls${suffix}`,
    `rls-key-${organizationId}`,
  ]);
}

describe('tenant transactions', () => {
  let t: TestApp;
  let orgId: string;

  beforeAll(async () => {
    t = await startTestApp();
    orgId = (await signUp(t.http)).organizationId;
  });
  afterAll(() => t.close());

  const actions = () =>
    t.app.get(DataSource).query(`SELECT action FROM audit_logs WHERE organization_id = $1 AND action LIKE 'tx.%'`, [orgId]);
  const entry = (action: string) => ({ organizationId: orgId, action, actorType: 'system' as const, metadata: {} });

  it('commits the work and rolls it back on an error', async () => {
    await t.app.get(TenantTransactions).run(orgId, (m) => m.insert(AuditLog, entry('tx.committed')));
    const failing = t.app.get(TenantTransactions).run(orgId, async (m) => {
      await m.insert(AuditLog, entry('tx.rolled_back'));
      throw new Error('boom');
    });
    await expect(failing).rejects.toThrow('boom');
    expect(await actions()).toEqual([{ action: 'tx.committed' }]);
  });

  it('turns a nested manager.transaction() into a savepoint of the tenant transaction', async () => {
    await t.app.get(TenantTransactions).run(orgId, async (m) => {
      await m.insert(AuditLog, entry('tx.outer'));
      await m.transaction((inner) => inner.insert(AuditLog, entry('tx.inner'))).catch(() => undefined);
      await m
        .transaction(async (inner) => {
          await inner.insert(AuditLog, entry('tx.inner_rolled_back'));
          throw new Error('inner');
        })
        .catch(() => undefined);
      const [{ pinned }] = await m.query(`SELECT current_setting('app.organization_id') AS pinned`);
      expect(pinned).toBe(orgId);
    });
    expect((await actions()).map((a: { action: string }) => a.action).sort()).toEqual(['tx.committed', 'tx.inner', 'tx.outer']);
  });

  it('refuses a pin that is not an organization id', async () => {
    await expect(t.app.get(TenantTransactions).run("x'; DROP TABLE users; --", async () => 1)).rejects.toThrow(/Not an organization id/);
  });
});
