import pg from 'pg';

/**
 * One statement against the test run's database, as the system: for what a
 * browser test cannot make happen in its time (a minute passing, say).
 */
export async function sql(text: string, params: unknown[] = []): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(text, params);
  } finally {
    await client.end();
  }
}
