import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

// Node's own resolution (the package's exports), not jest's module map: the child imports it.
const MAIL_MODULE = pathToFileURL(createRequire(__filename).resolve('@plinth/dev-services/mail')).href;

export interface MailCatcherProcess {
  inboxUrl: string;
  stop: () => Promise<void>;
}

/**
 * Starts the embedded MailDev (@plinth/dev-services/mail) on the given ports in a
 * child process: MailDev is ESM-only, and jest's CommonJS runtime cannot import it.
 */
export async function startMailCatcherProcess(ports: { smtpPort: number; webPort: number }): Promise<MailCatcherProcess> {
  const script = `
    import { startMailCatcher } from ${JSON.stringify(MAIL_MODULE)};
    const catcher = await startMailCatcher(${JSON.stringify(ports)});
    process.on('SIGTERM', async () => { await catcher.stop(); process.exit(0); });
    process.stdout.write('ready ' + catcher.inboxUrl + '\\n');
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(child, 'exit');
  const inboxUrl = await new Promise<string>((ready, fail) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/ready (\S+)\n/);
      if (match) ready(match[1]);
    });
    child.once('exit', (code) => fail(new Error(`mail catcher exited with ${code} before it was ready:\n${output}`)));
  });
  return {
    inboxUrl,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
