import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.cjs';
import { choosePostgresPort, homeLayout, parsePort, readRememberedPort, rememberPort, resolvePlinthHome } from './plinth-home.cjs';

describe('resolvePlinthHome', () => {
  const places = { cwd: '/home/ann/work', repoRoot: '/srv/plinth' };

  it('is .plinth/ in the repository when PLINTH_HOME is unset or empty', () => {
    expect(resolvePlinthHome({ ...places, plinthHome: undefined })).toBe('/srv/plinth/.plinth');
    expect(resolvePlinthHome({ ...places, plinthHome: '' })).toBe('/srv/plinth/.plinth');
  });

  it('resolves a relative PLINTH_HOME against the working directory, not the repository', () => {
    expect(resolvePlinthHome({ ...places, plinthHome: 'instances/b' })).toBe('/home/ann/work/instances/b');
    expect(resolvePlinthHome({ ...places, plinthHome: '../b/' })).toBe('/home/ann/b');
  });

  it('takes an absolute PLINTH_HOME as it is', () => {
    expect(resolvePlinthHome({ ...places, plinthHome: '/tmp/a' })).toBe('/tmp/a');
  });

  it('keeps the database, mail, media, secrets and ports inside the home', () => {
    expect(homeLayout('/tmp/a')).toEqual({
      home: '/tmp/a',
      postgres: '/tmp/a/postgres',
      mail: '/tmp/a/mail',
      data: '/tmp/a/data',
      secrets: '/tmp/a/secrets.json',
      ports: '/tmp/a/ports.json',
    });
  });
});

describe('parsePort', () => {
  it('reads a port and treats unset or empty as none', () => {
    expect(parsePort('54330', 'PLINTH_PG_PORT')).toBe(54330);
    expect(parsePort(undefined, 'PLINTH_PG_PORT')).toBeUndefined();
    expect(parsePort('', 'PLINTH_PG_PORT')).toBeUndefined();
  });

  it.each(['0', '65536', '54.3', 'five', ' '])('refuses %j, naming the variable', (value) => {
    expect(() => parsePort(value, 'PLINTH_PG_PORT')).toThrow(/^PLINTH_PG_PORT must be a port number/);
  });
});

describe('choosePostgresPort (real sockets on loopback)', () => {
  const held: Server[] = [];
  afterEach(async () => {
    await Promise.all(held.splice(0).map((server) => new Promise((done) => server.close(done))));
  });

  /** A free port, then taken by a listening socket, as another instance's PostgreSQL would. */
  async function takenPort(): Promise<number> {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((listening) => server.listen(port, '127.0.0.1', listening));
    held.push(server);
    return port;
  }

  it('takes the default when it is free and nothing is remembered', async () => {
    const defaultPort = await freePort();
    await expect(choosePostgresPort({ defaultPort })).resolves.toBe(defaultPort);
  });

  it('takes another free port when the default is taken', async () => {
    const defaultPort = await takenPort();
    const chosen = await choosePostgresPort({ defaultPort });
    expect(chosen).not.toBe(defaultPort);
    expect(chosen).toBeGreaterThan(0);
  });

  it('prefers the port the home used last over the default', async () => {
    const [remembered, defaultPort] = [await freePort(), await freePort()];
    await expect(choosePostgresPort({ remembered, defaultPort })).resolves.toBe(remembered);
  });

  it('falls back to the default when the remembered port is taken', async () => {
    const remembered = await takenPort();
    const defaultPort = await freePort();
    await expect(choosePostgresPort({ remembered, defaultPort })).resolves.toBe(defaultPort);
  });

  it('uses a requested port even over a remembered one', async () => {
    const [requested, remembered] = [await freePort(), await freePort()];
    await expect(choosePostgresPort({ requested, remembered })).resolves.toBe(requested);
  });

  it('refuses a requested port that is taken rather than pick another', async () => {
    const requested = await takenPort();
    await expect(choosePostgresPort({ requested })).rejects.toThrow(`PLINTH_PG_PORT ${requested} is taken`);
  });
});

describe('remembered ports', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'plinth-home-spec-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('reads back the port a home remembered, keeping the other services', async () => {
    const file = join(dir, 'nested', 'ports.json');
    await rememberPort(file, 'other', 1);
    await rememberPort(file, 'postgres', 54330);
    await expect(readRememberedPort(file, 'postgres')).resolves.toBe(54330);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ other: 1, postgres: 54330 });
  });

  it('remembers nothing for a new home or an unreadable file', async () => {
    await expect(readRememberedPort(join(dir, 'ports.json'), 'postgres')).resolves.toBeUndefined();
    await writeFile(join(dir, 'broken.json'), '{ not json');
    await expect(readRememberedPort(join(dir, 'broken.json'), 'postgres')).resolves.toBeUndefined();
    await writeFile(join(dir, 'wrong.json'), '{ "postgres": "54330" }');
    await expect(readRememberedPort(join(dir, 'wrong.json'), 'postgres')).resolves.toBeUndefined();
  });
});
