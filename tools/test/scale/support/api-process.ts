import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort, sleep } from '@plinth/testing';
import { type Child, isRunning, startChild, stopChild } from './child-processes';

export const WORKSPACE_ROOT = resolve(__dirname, '../../../..');
const API_MAIN = join(WORKSPACE_ROOT, 'dist/apps/api/src/main.js');
// Generous: five processes boot at once on a small machine that may be busy with other work.
const BOOT_TIMEOUT_MS = 180_000;

/** One process of the built API (`node dist/apps/api/src/main.js`), as a deployment runs it. */
export class ApiProcess {
  private child?: Child;
  readonly url: string;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  static async create(name: string, env: NodeJS.ProcessEnv): Promise<ApiProcess> {
    if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run npx nx build api first`);
    return new ApiProcess(name, await freePort(), env);
  }

  /** Starts it; `waitHealthy: false` returns at once (several booting together). */
  async start({ waitHealthy = true } = {}): Promise<void> {
    this.child = startChild(process.execPath, ['--enable-source-maps', API_MAIN], {
      cwd: WORKSPACE_ROOT,
      env: { ...this.env, PORT: String(this.port), HOST: '127.0.0.1' },
    });
    if (waitHealthy) await this.healthy();
  }

  async healthy(timeoutMs = BOOT_TIMEOUT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer';
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${this.name} exited while starting:\n${this.output().slice(-4000)}`);
      const response = await fetch(`${this.url}/api/health`).catch(() => undefined);
      if (response?.ok) return;
      if (response) last = `${response.status} ${await response.text()}`;
      await sleep(100);
    }
    throw new Error(`${this.name} was not healthy within ${timeoutMs} ms (last: ${last}):\n${this.output().slice(-4000)}`);
  }

  get running(): boolean {
    return this.child !== undefined && isRunning(this.child);
  }

  output(): string {
    return this.child?.output() ?? '';
  }

  /** A crash: no shutdown hook runs, nothing is flushed. */
  async kill(): Promise<void> {
    if (!this.child || !this.running) return;
    this.child.process.kill('SIGKILL');
    await this.child.exited;
  }

  /** A graceful stop (SIGTERM: shutdown hooks flush metering, pg-boss stops its workers). */
  async stop(): Promise<void> {
    if (this.child) await stopChild(this.child, 20_000);
  }
}
