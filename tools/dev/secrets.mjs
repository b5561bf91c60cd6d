import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

const GENERATED = {
  JWT_SECRET: () => randomBytes(48).toString('base64url'),
  ENCRYPTION_KEY: () => randomBytes(32).toString('base64'),
  DATABASE_PASSWORD: () => randomBytes(24).toString('base64url'),
};

/**
 * Secrets generated on first start and kept in the home's secrets.json (0600),
 * so sessions survive restarts; one added by a newer Plinth is generated into
 * an existing file.
 */
export async function loadOrCreateSecrets(file) {
  const existing = (await readFile(file, 'utf8').then(JSON.parse, () => undefined)) ?? {};
  const missing = Object.keys(GENERATED).filter((name) => !existing[name]);
  if (missing.length === 0) return existing;
  const secrets = { ...existing, ...Object.fromEntries(missing.map((name) => [name, GENERATED[name]()])) };
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}
