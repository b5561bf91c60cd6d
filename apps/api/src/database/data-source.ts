import { DataSource, DataSourceOptions } from 'typeorm';
import { entities } from './entities';
import { migrations } from './migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface DatabaseSettings {
  url: string;
  poolSize?: number;
  /** How long to wait for a free pooled connection before failing (ms); unset: as long as it takes. */
  connectTimeoutMs?: number;
}

export function dataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities,
    migrations,
    migrationsTableName: 'schema_migrations',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    // Pipelined: a tenant transaction's BEGIN and its pinned membership query share one round trip.
    extra: {
      max: settings.poolSize ?? 10,
      application_name: 'plinth',
      pipeline: true,
      ...(settings.connectTimeoutMs ? { connectionTimeoutMillis: settings.connectTimeoutMs } : {}),
    },
  };
}

const MIGRATION_LOCK = 727_274_001;

/** Runs pending migrations under an advisory lock, so N processes booting at once migrate once. */
export async function migrate(settings: DatabaseSettings): Promise<string[]> {
  const dataSource = await new DataSource({ ...dataSourceOptions(settings), extra: { max: 2 } }).initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'all' });
    return applied.map((m) => m.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
    await dataSource.destroy();
  }
}
