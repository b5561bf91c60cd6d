import { JwtService } from '@nestjs/jwt';
import { sleep } from '@plinth/testing';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import type { Response } from 'supertest';
import type { DataSource, EntityManager } from 'typeorm';

/** The contract's error envelope, exactly. */
export function errorBody(code: string, message: string, details?: unknown) {
  return { success: false, error: details === undefined ? { code, message } : { code, message, details } };
}

/** Asserts a 400 VALIDATION_FAILED whose details name exactly `fields`, in order. */
export function expectValidationFailed(response: Response, fields: string[]): void {
  expect({ status: response.status, body: response.body }).toEqual({
    status: 400,
    body: errorBody(
      'VALIDATION_FAILED',
      `Invalid request: ${fields.join(', ')}`,
      fields.map((field) => ({ field, problems: expect.arrayContaining([expect.any(String)]) })),
    ),
  });
}

/** The claims of a JWT, read without checking its signature. */
export function jwtClaims(token: string): Record<string, unknown> {
  const [, payload] = token.split('.');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
}

/** Signs an HS256 JWT with `secret`, the way an attacker or a stale client might. */
export function signJwt(secret: string, claims: Record<string, unknown>): string {
  return new JwtService({ secret }).sign(claims, { algorithm: 'HS256' });
}

/** The same JWT with one character in the middle of its signature changed. */
export function tamperSignature(token: string): string {
  const [header, payload, signature] = token.split('.');
  const i = Math.floor(signature.length / 2);
  const swapped = signature[i] === 'A' ? 'B' : 'A';
  return [header, payload, `${signature.slice(0, i)}${swapped}${signature.slice(i + 1)}`].join('.');
}

/** The same JWT with its payload replaced but the original signature kept. */
export function swapPayload(token: string, claims: Record<string, unknown>): string {
  const [header, , signature] = token.split('.');
  return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
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

export interface MailJobRow {
  state: string;
  template: string;
  retryCount: number;
}

/** The pg-boss mail jobs addressed to `to`, oldest first, as `db` (a connection or a transaction) sees them. */
export async function mailJobsTo(db: Pick<EntityManager, 'query'>, to: string): Promise<MailJobRow[]> {
  return db.query(
    `SELECT state, data->>'template' AS template, retry_count AS "retryCount" FROM pgboss.job
      WHERE name = 'mail.send' AND data->>'to' = $1 ORDER BY created_on`,
    [to],
  );
}

/** A new, empty database on the same server, for an app that must not share the run's job queues. */
export async function createScratchDatabase(db: DataSource, baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `plinth_scratch_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await db.query(`CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: async () => void (await db.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)) };
}

/** Polls `condition` until it holds, failing with `what` after `timeoutMs`. */
export async function waitUntil(what: string, condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting until ${what}`);
    await sleep(200);
  }
}

/** Asks the OS for a free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
