import type { EntityManager } from 'typeorm';

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
