import { APP_DB_ROLE } from './tenant-transactions';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** The role the request path switches to; idempotent, and granted to the migrating user. */
export function createAppRoleSql(): string {
  return `
    DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${APP_DB_ROLE}') THEN
        CREATE ROLE ${APP_DB_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS;
      END IF;
    END $$;
    DO $$ BEGIN
      -- A deployment that created the role for us (docker/postgres-init, npm start) granted it already.
      IF NOT pg_has_role(current_user, '${APP_DB_ROLE}', 'MEMBER') THEN
        GRANT ${APP_DB_ROLE} TO CURRENT_USER;
      END IF;
    END $$;
    GRANT USAGE ON SCHEMA public TO ${APP_DB_ROLE};`;
}

export interface TenantTableOptions {
  /** Column holding the organization id (`id` for the organizations table itself). */
  column?: string;
  /** Privileges of the request path. Append-only tables omit UPDATE and DELETE. */
  privileges?: Array<'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE'>;
}

/**
 * Row-level security with the standard tenant policy: a row is visible and
 * writable only inside a transaction pinned to its organization.
 */
export function enableTenantRlsSql(table: string, options: TenantTableOptions = {}): string {
  const column = options.column ?? 'organization_id';
  const privileges = options.privileges ?? ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];
  for (const name of [table, column]) {
    if (!IDENTIFIER.test(name)) throw new Error(`Not a plain SQL identifier: ${name}`);
  }
  const tenant = `NULLIF(current_setting('app.organization_id', true), '')::uuid`;
  return `
    ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
    CREATE POLICY tenant_isolation ON ${table}
      USING (${column} = ${tenant})
      WITH CHECK (${column} = ${tenant});
    GRANT ${privileges.join(', ')} ON ${table} TO ${APP_DB_ROLE};`;
}
