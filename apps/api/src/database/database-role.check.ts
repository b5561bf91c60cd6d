import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';

/**
 * The app must not connect as a superuser (or a role that bypasses row-level
 * security): the request path switches to `plinth_app`, and a RESET ROLE
 * from there must not reach either. Refused in production, warned about elsewhere.
 */
@Injectable()
export class DatabaseRoleCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger(DatabaseRoleCheck.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const [role] = (await this.dataSource.query(
      'SELECT current_user AS name, rolsuper OR rolbypassrls AS unsafe FROM pg_roles WHERE rolname = current_user',
    )) as Array<{ name: string; unsafe: boolean }>;
    if (!role?.unsafe) return;
    const problem = `DATABASE_URL connects as ${role.name}, a superuser or a role that bypasses row-level security: connect as the schema's owning role instead (see docker/postgres-init)`;
    if (this.config.isProduction) throw new Error(problem);
    this.logger.warn(problem);
  }
}
