import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Secrets generated on first start and kept in .plinth/secrets.json (0600), so sessions survive restarts. */
export async function loadOrCreateSecrets(dataDir) {
  const file = join(dataDir, 'secrets.json');
  const existing = await readFile(file, 'utf8').then(JSON.parse, () => undefined);
  if (existing) return existing;
  const secrets = { JWT_SECRET: randomBytes(48).toString('base64url') };
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}
