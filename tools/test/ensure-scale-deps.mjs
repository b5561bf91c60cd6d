// The scale suite (npm run test:scale) runs a real pgbouncer and a real
// redis-server beside the built API. Installs the Debian packages that are
// missing; needs root and apt, as on CI.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Binary → Debian package. The paths may be overridden, e.g. for a non-Debian machine. */
export const SCALE_BINARIES = {
  pgbouncer: { path: process.env.PGBOUNCER_PATH ?? '/usr/sbin/pgbouncer', pkg: 'pgbouncer' },
  'redis-server': { path: process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server', pkg: 'redis-server' },
};

const missing = Object.values(SCALE_BINARIES).filter(({ path }) => !existsSync(path));

if (missing.length > 0) {
  const packages = missing.map(({ pkg }) => pkg);
  if (process.getuid?.() !== 0) {
    console.error(`Missing for the scale tests: ${packages.join(', ')}; install them (apt-get install ${packages.join(' ')}).`);
    process.exit(1);
  }
  console.log(`Installing ${packages.join(', ')} from Debian packages (once)…`);
  const apt = (args) => execFileSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  apt(['update', '-qq']);
  apt(['install', '-y', '-qq', '--no-install-recommends', ...packages]);
}
