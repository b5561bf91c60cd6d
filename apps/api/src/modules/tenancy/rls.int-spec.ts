import { ScopedRepository, TenantTransactions } from '@plinth/tenancy';
import { DataSource } from 'typeorm';
import { expectStatus, V1, waitUntil } from '@plinth/testing';
import { readdir } from 'node:fs/promises';
import { ContentApp, png, startContentApp, uploadMedia } from '../../../test/content-fixtures';
import { signUp, startTestApp, TestApp } from '../../../test/harness';
import { AuditLog } from '../audit/entities/audit-log.entity';
import { OrganizationMember } from '../organizations/entities/organization-member.entity';

/**
 * The second wall on its own: the application's organization filter is
 * deliberately left out, and row-level security alone keeps tenants apart.
 * The tenant tables are read from the catalog — every table with an
 * `organization_id`, and `organizations` itself — so a new table cannot be forgotten.
 */
describe('row-level security', () => {
  let t: TestApp;
  let db: DataSource;
  let tx: TenantTransactions;
  let orgA: string;
  let orgB: string;
  let tenantTables: Array<{ table: string; column: string }>;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    tx = t.app.get(TenantTransactions);
    orgA = (await signUp(t.http)).organizationId;
    orgB = (await signUp(t.http)).organizationId;
    for (const org of [orgA, orgB]) await seedEveryTenantTable(db, org);
    tenantTables = await tenantTablesOf(db);
  });
  afterAll(() => t.close());

  it('finds the tenant tables in the catalog', () => {
    expect(tenantTables.map((row) => row.table)).toEqual(expect.arrayContaining(['organizations', 'organization_members', 'posts']));
  });

  it('puts the tenant policy, reads and writes, on every tenant table', async () => {
    const policies: Array<{ table: string; enabled: boolean; qual: string | null; check: string | null }> = await db.query(
      `SELECT c.relname AS table, c.relrowsecurity AS enabled, p.qual, p.with_check AS check
         FROM pg_class c LEFT JOIN pg_policies p ON p.tablename = c.relname AND p.policyname = 'tenant_isolation'
        WHERE c.relname = ANY($1) AND c.relkind = 'r'`,
      [tenantTables.map((row) => row.table)],
    );
    for (const { table } of tenantTables) {
      const policy = policies.find((p) => p.table === table);
      expect({ table, enabled: policy?.enabled, qual: policy?.qual, check: policy?.check }).toEqual({
        table,
        enabled: true,
        qual: expect.stringContaining('app.organization_id'),
        check: expect.stringContaining('app.organization_id'),
      });
    }
  });

  it('shows a tenant none of another’s rows in any tenant table when the query has no organization filter', async () => {
    for (const { table, column } of tenantTables) {
      const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM ${table} WHERE ${column} = $1`, [orgB]);
      if (count === 0) throw new Error(`Seed a row of organization B in ${table} (seedEveryTenantTable) so this test can prove it`);
      const seen: Array<{ org: string }> = await tx.run(orgA, (a) => a.manager.query(`SELECT ${column}::text AS org FROM ${table}`));
      expect({ table, others: seen.filter((row) => row.org !== orgA).length }).toEqual({ table, others: 0 });
    }
  });

  it('sees A’s own membership through the same unfiltered query', async () => {
    const members = await tx.run(orgA, (a) => a.manager.find(OrganizationMember));
    expect(members.map((m) => m.organizationId)).toEqual([orgA]);
  });

  it('refuses an insert stamped with another tenant’s id', async () => {
    const insert = tx.run(orgA, (a) =>
      a.manager.insert(AuditLog, { organizationId: orgB, action: 'test.forged', actorType: 'system', metadata: {} }),
    );
    await expect(insert).rejects.toThrow(/row-level security/);
  });

  it('refuses to move a row to another tenant', async () => {
    const update = tx.run(orgA, (a) =>
      a.manager.query('UPDATE organization_members SET organization_id = $1 WHERE organization_id = $2', [orgB, orgA]),
    );
    await expect(update).rejects.toThrow(/row-level security/);
  });

  it('keeps the audit log append-only for the request path', async () => {
    await expect(tx.run(orgA, (a) => a.manager.query('DELETE FROM audit_logs'))).rejects.toThrow(/permission denied/);
  });

  it('connects as a role that is no superuser, so RESET ROLE from the request path reaches none', async () => {
    const [role] = await tx.run(orgA, async (a) => {
      await a.manager.query('RESET ROLE');
      return a.manager.query('SELECT rolsuper AS superuser, rolbypassrls AS bypass FROM pg_roles WHERE rolname = current_user');
    });
    expect(role).toEqual({ superuser: false, bypass: false });
  });

  it.each([
    ['password hashes', 'SELECT password_hash FROM users'],
    ['invite token hashes', 'SELECT token_hash FROM invites'],
    ['API key hashes', 'SELECT key_hash FROM api_keys'],
    ['session tokens', 'SELECT token_hash FROM refresh_tokens'],
    ['link tokens', 'SELECT token_hash FROM user_tokens'],
    ['queued jobs (another tenant’s mail among them)', 'SELECT data FROM pgboss.job'],
  ])('gives the request path’s role no read of %s', async (_what, sql) => {
    await expect(tx.run(orgA, (a) => a.manager.query(sql))).rejects.toThrow(/permission denied/);
  });

  it('sees nothing at all in a transaction that entered no tenant but took the app role', async () => {
    const rows = await db.transaction(async (manager) => {
      await manager.query(`SELECT set_config('role', 'plinth_app', true)`);
      return manager.query('SELECT id FROM organization_members');
    });
    expect(rows).toEqual([]);
  });

  it('lets the first wall refuse an organization id in a where clause', () => {
    const repository = new ScopedRepository(db.manager, OrganizationMember, orgA);
    expect(() => repository.find({ where: { organizationId: orgB } as never })).toThrow(/organizationId is set by the scoped repository/);
  });

  it('keeps the scope of a scoped query builder when a caller adds where()', async () => {
    // As the system (no RLS): only the first wall stands between tenants here.
    const rows = await new ScopedRepository(db.manager, OrganizationMember, orgA).createQueryBuilder('m').where('1 = 1').getMany();
    expect(rows.map((m) => m.organizationId)).toEqual([orgA]);
  });

  it('pins a unit of work to exactly one organization, the one its repositories are scoped to', async () => {
    const seen = await tx.run(orgB, async (b) => {
      const [{ pinned }] = await b.manager.query(`SELECT current_setting('app.organization_id') AS pinned`);
      return { pinned, members: await b.repo(OrganizationMember).countBy(), scope: b.repo(OrganizationMember).organizationId };
    });
    expect(seen).toEqual({ pinned: orgB, members: 1, scope: orgB });
  });
});

/** One row of `organizationId` in every tenant table the signup left empty, written as the system (RLS does not restrict it). */
async function seedEveryTenantTable(db: DataSource, organizationId: string): Promise<void> {
  const suffix = organizationId.slice(0, 8);
  await db.query(
    `INSERT INTO invites (organization_id, email, role, token_hash, expires_at) VALUES ($1, $2, 'viewer', $3, now() + interval '1 day')`,
    [organizationId, `rls-${suffix}@example.test`, `rls-invite-${organizationId}`],
  );
  await db.query(`INSERT INTO api_keys (organization_id, name, prefix, key_hash, role) VALUES ($1, 'rls', $2, $3, 'viewer')`, [
    organizationId,
    `plk_rls${suffix}`,
    `rls-key-${organizationId}`,
  ]);
  const [{ id: siteId }] = await db.query(`INSERT INTO sites (organization_id, name) VALUES ($1, 'RLS') RETURNING id`, [organizationId]);
  await db.query(`INSERT INTO posts (organization_id, site_id, title, body) VALUES ($1, $2, 'RLS', '')`, [organizationId, siteId]);
  await db.query(
    `INSERT INTO media (organization_id, site_id, filename, content_type, size_bytes, storage_key) VALUES ($1, $2, 'a.png', 'image/png', 1, $3)`,
    [organizationId, siteId, `${organizationId}/${siteId}/rls`],
  );
  await db.query(`INSERT INTO quota_overrides (organization_id, dimension, limit_value) VALUES ($1, 'sites', 100)`, [organizationId]);
  await db.query(
    `INSERT INTO quota_warnings (organization_id, dimension, threshold, period_start, notified_at) VALUES ($1, 'sites', 80, now(), now())`,
    [organizationId],
  );
  await seedBilling(db, organizationId, suffix);
  await seedWebhooks(db, organizationId);
}

async function seedWebhooks(db: DataSource, organizationId: string): Promise<void> {
  const [{ id: endpointId }] = await db.query(
    `INSERT INTO webhook_endpoints (organization_id, url, events, secret_sealed) VALUES ($1, 'https://rls.example.test/', '{site.created}', 'x') RETURNING id`,
    [organizationId],
  );
  const [{ id: eventId }] = await db.query(
    `INSERT INTO webhook_events (organization_id, type, data) VALUES ($1, 'site.created', '{}') RETURNING id`,
    [organizationId],
  );
  const [{ id: deliveryId }] = await db.query(
    `INSERT INTO webhook_deliveries (organization_id, endpoint_id, event_id, status) VALUES ($1, $2, $3, 'succeeded') RETURNING id`,
    [organizationId, endpointId, eventId],
  );
  await db.query(
    `INSERT INTO webhook_delivery_attempts (organization_id, delivery_id, at, status_code, duration_ms) VALUES ($1, $2, now(), 200, 1)`,
    [organizationId, deliveryId],
  );
}

async function seedBilling(db: DataSource, organizationId: string, suffix: string): Promise<void> {
  await db.query(`INSERT INTO subscriptions (organization_id, stripe_customer_id, status) VALUES ($1, $2, 'active')`, [
    organizationId,
    `cus_rls${suffix}`,
  ]);
  await db.query(
    `INSERT INTO invoices (organization_id, stripe_invoice_id, amount_cents, amount_paid_cents, currency, status, period_start, period_end)
     VALUES ($1, $2, 100, 100, 'usd', 'paid', now(), now())`,
    [organizationId, `in_rls${suffix}`],
  );
  await db.query(`INSERT INTO stripe_events (id, organization_id, type, created_at, payload) VALUES ($1, $2, 'test', now(), '{}')`, [
    `evt_rls${suffix}`,
    organizationId,
  ]);
  await db.query(`INSERT INTO subscription_transitions (organization_id, stripe_subscription_id, to_status) VALUES ($1, $2, 'active')`, [
    organizationId,
    `sub_rls${suffix}`,
  ]);
  await db.query(`INSERT INTO api_call_days (organization_id, day, calls) VALUES ($1, current_date, 1)`, [organizationId]);
  await db.query(`INSERT INTO quota_overage (organization_id, dimension) VALUES ($1, 'api_calls')`, [organizationId]);
  await db.query(`INSERT INTO usage_reports (organization_id, period_start) VALUES ($1, date_trunc('month', now()))`, [organizationId]);
  await db.query(`INSERT INTO sandbox_billing_accounts (organization_id) VALUES ($1)`, [organizationId]);
  await db.query(`INSERT INTO sandbox_billing_objects (id, organization_id, type, data) VALUES ($1, $2, 'customer', '{}')`, [
    `cus_rls_sandbox${suffix}`,
    organizationId,
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
    await t.app.get(TenantTransactions).run(orgId, (tx) => tx.manager.insert(AuditLog, entry('tx.committed')));
    const failing = t.app.get(TenantTransactions).run(orgId, async (tx) => {
      await tx.manager.insert(AuditLog, entry('tx.rolled_back'));
      throw new Error('boom');
    });
    await expect(failing).rejects.toThrow('boom');
    expect(await actions()).toEqual([{ action: 'tx.committed' }]);
  });

  it('turns a nested manager.transaction() into a savepoint of the unit of work', async () => {
    await t.app.get(TenantTransactions).run(orgId, async (tx) => {
      await tx.manager.insert(AuditLog, entry('tx.outer'));
      await tx.manager.transaction((inner) => inner.insert(AuditLog, entry('tx.inner'))).catch(() => undefined);
      await tx.manager
        .transaction(async (inner) => {
          await inner.insert(AuditLog, entry('tx.inner_rolled_back'));
          throw new Error('inner');
        })
        .catch(() => undefined);
      const [{ pinned }] = await tx.manager.query(`SELECT current_setting('app.organization_id') AS pinned`);
      expect(pinned).toBe(orgId);
    });
    expect((await actions()).map((a: { action: string }) => a.action).sort()).toEqual(['tx.committed', 'tx.inner', 'tx.outer']);
  });

  it('runs after-commit work only once the commit succeeded', async () => {
    const ran: string[] = [];
    await t.app.get(TenantTransactions).run(orgId, async (tx) => tx.afterCommit(() => ran.push('committed')));
    await t.app
      .get(TenantTransactions)
      .run(orgId, async (tx) => {
        tx.afterCommit(() => ran.push('rolled back'));
        throw new Error('boom');
      })
      .catch(() => undefined);
    expect(ran).toEqual(['committed']);
  });

  it('leaves nothing pinned on the pooled connection after the unit of work', async () => {
    await t.app.get(TenantTransactions).run(orgId, async () => undefined);
    const runner = t.app.get(DataSource).createQueryRunner();
    try {
      const [state] = await runner.query(`SELECT current_setting('app.organization_id', true) AS org, current_user AS role`);
      expect(state.org ?? '').toBe('');
      expect(state.role).not.toBe('plinth_app');
    } finally {
      await runner.release();
    }
  });

  it('refuses to enter an organization that does not exist', async () => {
    await expect(t.app.get(TenantTransactions).run('00000000-0000-4000-8000-000000000000', async () => 1)).rejects.toThrow(
      /Organization not found/,
    );
  });
});

describe('deleting an organization', () => {
  let t: ContentApp;
  let tenantTables: Array<{ table: string; column: string }>;

  beforeAll(async () => {
    t = await startContentApp();
    tenantTables = await tenantTablesOf(t.db);
  });
  afterAll(() => t.close());

  /** Rows of `organizationId` in every tenant table the catalog lists, read as the system. */
  async function rowsOf(organizationId: string): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const { table, column } of tenantTables) {
      const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM ${table} WHERE ${column} = $1`, [organizationId]);
      counts[table] = count;
    }
    return counts;
  }

  it('leaves no row of it in any tenant table, no stored file, one tombstone, and another organization untouched', async () => {
    const [doomed, other] = [await signUp(t.http), await signUp(t.http)];
    for (const org of [doomed, other]) {
      await seedEveryTenantTable(t.db, org.organizationId);
      const site = expectStatus(await t.http.post(`${V1}/sites`).set(org.auth).send({ name: 'Files' }), 201).body.data;
      await uploadMedia(t, org.auth, site.id, png(2048));
    }
    const theirsBefore = await rowsOf(other.organizationId);
    expect(Object.entries(await rowsOf(doomed.organizationId)).filter(([, count]) => count === 0)).toEqual([]);
    expect((await readdir(t.mediaDir)).sort()).toEqual(expect.arrayContaining([doomed.organizationId, other.organizationId]));

    expectStatus(await t.http.delete(`${V1}/organizations/${doomed.organizationId}`).set(doomed.auth), 204);

    expect(Object.entries(await rowsOf(doomed.organizationId)).filter(([, count]) => count > 0)).toEqual([]);
    expect(await rowsOf(other.organizationId)).toEqual(theirsBefore);
    await waitUntil('the files are deleted', async () => !(await readdir(t.mediaDir)).includes(doomed.organizationId));
    expect(await readdir(t.mediaDir)).toContain(other.organizationId);
    const tombstones = await t.db.query(
      `SELECT deleted_by_type, deleted_by_id, deleted_by_email, counts FROM organization_tombstones WHERE deleted_organization_id = $1`,
      [doomed.organizationId],
    );
    expect(tombstones).toEqual([
      {
        deleted_by_type: 'user',
        deleted_by_id: doomed.userId,
        deleted_by_email: doomed.email,
        counts: expect.objectContaining({ members: 1, sites: 2, posts: 1, media: 2, storageBytes: 2049, apiKeys: 1 }),
      },
    ]);
  });
});

function tenantTablesOf(db: DataSource): Promise<Array<{ table: string; column: string }>> {
  return db.query(
    `SELECT table_name AS table, CASE WHEN table_name = 'organizations' THEN 'id' ELSE 'organization_id' END AS column
       FROM information_schema.columns
      WHERE table_schema = 'public' AND (column_name = 'organization_id' OR table_name = 'organizations' AND column_name = 'id')
      ORDER BY table_name`,
  );
}
