// The database the product connects to as a role of its own — never the
// superuser: the owner of its schema (it migrates), a member of the
// row-level-security role `plinth_app` the request path switches to, and
// nothing more. Used by `npm start` and the test harness alike; docker/
// does the same in postgres-init/.
import pg from 'pg';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * @param {{ superuserUrl: string, database: string, role: string, password: string, createdb?: boolean }} options
 *   `createdb`: the test harness makes scratch databases; the product does not.
 * @returns {Promise<string>} the URL to connect with as `role`
 */
export async function ensureApplicationRole({ superuserUrl, database, role, password, createdb = false }) {
  for (const name of [database, role]) if (!IDENTIFIER.test(name)) throw new Error(`Not a plain SQL identifier: ${name}`);
  const admin = new pg.Client({ connectionString: superuserUrl });
  await admin.connect();
  try {
    const exists = (await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount > 0;
    const options = `LOGIN NOSUPERUSER NOCREATEROLE NOBYPASSRLS ${createdb ? 'CREATEDB' : 'NOCREATEDB'} PASSWORD ${admin.escapeLiteral(password)}`;
    await admin.query(`${exists ? 'ALTER' : 'CREATE'} ROLE ${role} ${options}`);
    await admin.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'plinth_app') THEN
        CREATE ROLE plinth_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
      END IF;
    END $$`);
    await admin.query(`GRANT plinth_app TO ${role}`);
    const found = await admin.query('SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE ${database} OWNER ${role}`);
    else if (found.rows[0].owner !== role) await handOver(superuserUrl, database, role);
  } finally {
    await admin.end();
  }
  const url = new URL(superuserUrl);
  url.username = role;
  url.password = password;
  url.pathname = `/${database}`;
  return url.toString();
}

/** A data directory made by an older Plinth, which connected as the superuser: its objects change owner. */
async function handOver(superuserUrl, database, role) {
  const url = new URL(superuserUrl);
  url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(`ALTER DATABASE ${database} OWNER TO ${role}`);
    await client.query(`DO $$
    DECLARE statement text;
    BEGIN
      FOR statement IN
        SELECT format('ALTER SCHEMA %I OWNER TO ${role}', nspname) FROM pg_namespace WHERE nspname IN ('public', 'pgboss')
        UNION ALL
        SELECT format('ALTER %s %I.%I OWNER TO ${role}', CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' ELSE 'TABLE' END, n.nspname, c.relname)
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname IN ('public', 'pgboss') AND c.relkind IN ('r', 'p', 'v')
        UNION ALL
        SELECT format('ALTER FUNCTION %s OWNER TO ${role}', p.oid::regprocedure)
          FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname IN ('public', 'pgboss')
        UNION ALL
        SELECT format('ALTER TYPE %I.%I OWNER TO ${role}', n.nspname, t.typname)
          FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
         WHERE n.nspname IN ('public', 'pgboss') AND t.typtype = 'e'
      LOOP
        EXECUTE statement;
      END LOOP;
    END $$`);
  } finally {
    await client.end();
  }
}
