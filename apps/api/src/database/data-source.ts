import { DataSource, DataSourceOptions, MigrationExecutor } from 'typeorm';
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

/**
 * Runs pending migrations under an advisory lock, so N processes booting at
 * once migrate once. The lock and the migrations share one transaction: behind
 * pgbouncer in transaction mode, a session lock and its unlock may reach two
 * different server connections, and the lock would then be held for good.
 */
export async function migrate(settings: DatabaseSettings): Promise<string[]> {
  const dataSource = await new DataSource({ ...dataSourceOptions(settings), extra: { max: 1 } }).initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.startTransaction();
    await runner.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = 'all';
    const applied = await executor.executePendingMigrations();
    await runner.commitTransaction();
    return applied.map((m) => m.name);
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
    await dataSource.destroy();
  }
}
