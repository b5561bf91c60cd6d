import { sleep } from './wait';

/** A mail as the catcher's REST API (MailDev) reports it. */
export interface CaughtMail {
  id: string;
  subject: string;
  text: string;
  html: string;
  to: Array<{ address: string }>;
}

/**
 * Reads the test run's SMTP catcher. Every test uses its own addresses,
 * so reading by recipient keeps parallel test files apart.
 */
export class Inbox {
  constructor(private readonly baseUrl = requiredEnv('MAIL_INBOX_URL')) {}

  async mailTo(address: string): Promise<CaughtMail[]> {
    const response = await fetch(`${this.baseUrl}/api/email`);
    const all = (await response.json()) as CaughtMail[];
    return all.filter((mail) => mail.to.some((to) => to.address.toLowerCase() === address.toLowerCase()));
  }

  /** Waits until a mail to `address` whose subject matches arrives. */
  async waitFor(address: string, subject: RegExp, timeoutMs = 10_000): Promise<CaughtMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = (await this.mailTo(address)).find((mail) => subject.test(mail.subject));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`No mail to ${address} matching ${subject} within ${timeoutMs} ms`);
      await sleep(100);
    }
  }
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through jest's global setup`);
  return value;
}
