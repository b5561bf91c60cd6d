import { expectStatus, signUp, type Session, V1 } from '@plinth/testing';
import type { Response } from 'supertest';
import type { Topology } from './topology';

export { type Session };

/** A new user owning a new organization on `plan` (set in SQL, as billing would). */
export async function newOwner(topology: Topology, plan = 'free'): Promise<Session> {
  const owner = await signUp(topology.http as never);
  await topology.db.query('UPDATE organizations SET plan_tier = $2 WHERE id = $1', [owner.organizationId, plan]);
  return owner;
}

export async function createSite(topology: Topology, auth: Record<string, string>): Promise<string> {
  return expectStatus(await topology.http.post(`${V1}/sites`).set(auth).send({ name: 'Scale' }), 201).body.data.id;
}

export function postPost(topology: Topology, auth: Record<string, string>, siteId: string, title = 'Post'): Promise<Response> {
  return topology.http
    .post(`${V1}/sites/${siteId}/posts`)
    .set(auth)
    .send({ title, body: '' })
    .then(
      (response) => response,
      // A dropped connection surfaces as a response-less error in supertest; the proxy answers 502 instead.
      (error: Error & { response?: Response }) => error.response ?? Promise.reject(error),
    );
}

/** An API key of the organization, as the X-API-Key header. */
export async function createApiKey(topology: Topology, auth: Record<string, string>): Promise<Record<string, string>> {
  const response = await topology.http.post(`${V1}/api-keys`).set(auth).send({ name: 'scale', role: 'admin' });
  return { 'X-API-Key': expectStatus(response, 201).body.data.key };
}

export function countByStatus(responses: Array<{ status: number }>): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const { status } of responses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

export async function sqlCount(topology: Topology, sql: string, params: unknown[]): Promise<number> {
  const { rows } = await topology.db.query(sql, params);
  return Number(Object.values(rows[0] ?? { n: 0 })[0] ?? 0);
}

/** The organization's counter of `dimension` (a site's, for posts). */
export function usageOf(topology: Topology, organizationId: string, dimension: string, scopeId?: string): Promise<number> {
  const scoped = scopeId ? 'AND scope_id = $3' : '';
  return sqlCount(
    topology,
    `SELECT COALESCE(sum(current), 0) FROM quota_usage WHERE organization_id = $1 AND dimension = $2 ${scoped}`,
    scopeId ? [organizationId, dimension, scopeId] : [organizationId, dimension],
  );
}

/** Every mail the catcher holds, by recipient. */
export async function mailsByRecipient(topology: Topology): Promise<Map<string, string[]>> {
  const all = (await (await fetch(`${topology.inboxUrl}/api/email`)).json()) as Array<{ subject: string; to: Array<{ address: string }> }>;
  const byRecipient = new Map<string, string[]>();
  for (const mail of all) {
    for (const { address } of mail.to)
      byRecipient.set(address.toLowerCase(), [...(byRecipient.get(address.toLowerCase()) ?? []), mail.subject]);
  }
  return byRecipient;
}

/** The states of the mail jobs queued to `addresses`. */
export async function mailJobStates(topology: Topology, addresses: string[]): Promise<Record<string, number>> {
  const { rows } = await topology.db.query(
    `SELECT state, count(*)::int AS n FROM pgboss.job WHERE name = 'mail.send' AND data->>'to' = ANY($1) GROUP BY state`,
    [addresses],
  );
  return Object.fromEntries(rows.map((row: { state: string; n: number }) => [row.state, row.n]));
}
