import { randomUUID } from 'node:crypto';

/** A unique address per call, so parallel tests never share data. */
export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.test`;
}

export const VALID_PASSWORD = 'correct-horse-42';

export function signupBody(overrides: Partial<{ email: string; password: string; name: string; organizationName: string }> = {}) {
  return { email: uniqueEmail(), password: VALID_PASSWORD, name: 'Test User', ...overrides };
}

/** Pulls the `token` query parameter out of the first link in a mail's text. */
export function tokenFromMail(text: string): string {
  const url = text.match(/https?:\/\/\S+/)?.[0];
  const token = url ? (new URL(url).searchParams.get('token') ?? url.split('/').pop()) : undefined;
  if (!token) throw new Error(`No link with a token in mail:\n${text}`);
  return token;
}

/** A syntactically valid, unique address of exactly `length` characters. */
export function emailOfLength(length: number): string {
  const local = `long-${randomUUID().slice(0, 8)}`.padEnd(64, 'x');
  const tld = '.test';
  let rest = length - local.length - 1 - tld.length;
  const labels: string[] = [];
  while (rest > 0) {
    const size = Math.min(63, rest === 64 ? 62 : rest);
    labels.push('d'.repeat(size));
    rest -= size + 1;
  }
  const email = `${local}@${labels.join('.')}${tld}`;
  if (email.length !== length) throw new Error(`emailOfLength(${length}) built ${email.length} characters`);
  return email;
}
