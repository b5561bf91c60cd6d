import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const ROOT_PACKAGE = 'plinth';

/**
 * The version in the root package.json, found by walking up from this file:
 * apps/api/src/… under Jest, dist/apps/api/src/… when built, /app/dist/… in
 * the image (whose /app/package.json is the root one). Read once, at start.
 */
export function readProductVersion(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (manifest.name === ROOT_PACKAGE && manifest.version) return manifest.version;
    }
    if (dirname(dir) === dir) throw new Error(`The ${ROOT_PACKAGE} package.json was not found above ${from}`);
  }
}
