// Where an `npm start` instance keeps everything, and which PostgreSQL port it
// takes, so that two instances with different homes run side by side.
// CommonJS, like free-port.cjs, so that jest's test runtime loads it too.
const { mkdir, readFile, writeFile } = require('node:fs/promises');
const { dirname, join, resolve } = require('node:path');
const { freePort, isPortFree } = require('./free-port.cjs');

const DEFAULT_POSTGRES_PORT = 54329;

/** `PLINTH_HOME` (a relative one against `cwd`), else `.plinth/` in the repository. */
function resolvePlinthHome({ plinthHome, cwd, repoRoot }) {
  return plinthHome ? resolve(cwd, plinthHome) : join(repoRoot, '.plinth');
}

/** What an instance keeps under its home. */
function homeLayout(home) {
  return {
    home,
    postgres: join(home, 'postgres'),
    mail: join(home, 'mail'),
    /** The API's DATA_DIR: uploaded media under media/. */
    data: join(home, 'data'),
    /** The generated JWT_SECRET, ENCRYPTION_KEY and database password (see tools/dev/secrets.mjs). */
    secrets: join(home, 'secrets.json'),
    ports: join(home, 'ports.json'),
  };
}

/** A port number from the environment; undefined when unset or empty. */
function parsePort(value, name) {
  if (value === undefined || value === '') return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`${name} must be a port number (1-65535), not ${JSON.stringify(value)}`);
  return port;
}

/**
 * The port asked for (refused when taken); else the one this home used last,
 * else 54329, whichever is free; else any free port.
 */
async function choosePostgresPort({ requested, remembered, defaultPort = DEFAULT_POSTGRES_PORT }) {
  if (requested !== undefined) {
    if (await isPortFree(requested)) return requested;
    throw new Error(`PLINTH_PG_PORT ${requested} is taken: free it, or unset PLINTH_PG_PORT to let a free port be chosen`);
  }
  for (const port of [remembered, defaultPort]) if (port !== undefined && (await isPortFree(port))) return port;
  return freePort();
}

/** The port a home's PostgreSQL last ran on; undefined when none is recorded (or the file is unreadable). */
async function readRememberedPort(portsFile, service) {
  const port = (await readPorts(portsFile))[service];
  return Number.isInteger(port) ? port : undefined;
}

async function rememberPort(portsFile, service, port) {
  const ports = await readPorts(portsFile);
  if (ports[service] === port) return;
  await mkdir(dirname(portsFile), { recursive: true });
  await writeFile(portsFile, `${JSON.stringify({ ...ports, [service]: port }, null, 2)}\n`);
}

/** Only a hint: a missing or broken file is as good as an empty one. */
async function readPorts(portsFile) {
  try {
    const ports = JSON.parse(await readFile(portsFile, 'utf8'));
    return ports && typeof ports === 'object' ? ports : {};
  } catch {
    return {};
  }
}

module.exports = {
  DEFAULT_POSTGRES_PORT,
  resolvePlinthHome,
  homeLayout,
  parsePort,
  choosePostgresPort,
  readRememberedPort,
  rememberPort,
};
