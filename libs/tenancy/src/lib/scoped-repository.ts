import type {
  DeepPartial,
  EntityManager,
  EntityTarget,
  FindManyOptions,
  FindOptionsWhere,
  ObjectLiteral,
  SelectQueryBuilder,
} from 'typeorm';
import { NotFoundError } from './errors';

export interface TenantOwned extends ObjectLiteral {
  organizationId: string;
}

type ScopedWhere<T> = Omit<FindOptionsWhere<T>, 'organizationId'>;
type ScopedValues<T> = Omit<DeepPartial<T>, 'organizationId'>;

/**
 * The first wall of tenant isolation: every read and write of a
 * tenant-owned entity carries the organization id, which the caller gives
 * once and can never override in a `where`.
 */
export class ScopedRepository<T extends TenantOwned> {
  constructor(
    private readonly manager: EntityManager,
    private readonly entity: EntityTarget<T>,
    readonly organizationId: string,
  ) {}

  find(options: Omit<FindManyOptions<T>, 'where'> & { where?: ScopedWhere<T> } = {}): Promise<T[]> {
    return this.manager.find(this.entity, { ...options, where: this.scope(options.where) });
  }

  findOneBy(where: ScopedWhere<T>): Promise<T | null> {
    return this.manager.findOneBy(this.entity, this.scope(where));
  }

  /** Loads by a filter or fails with NOT_FOUND: another tenant's ids look exactly like missing ones. */
  async getOneBy(where: ScopedWhere<T>, resource: string): Promise<T> {
    const found = await this.findOneBy(where);
    if (!found) throw new NotFoundError(resource);
    return found;
  }

  existsBy(where: ScopedWhere<T>): Promise<boolean> {
    return this.manager.existsBy(this.entity, this.scope(where));
  }

  countBy(where: ScopedWhere<T> = {} as ScopedWhere<T>): Promise<number> {
    return this.manager.countBy(this.entity, this.scope(where));
  }

  /** Inserts with the organization id stamped on; returns the saved entity. */
  save(values: ScopedValues<T>): Promise<T> {
    this.refuseOrganizationId(values);
    const entity = this.manager.create(this.entity, { ...values, organizationId: this.organizationId } as DeepPartial<T>);
    return this.manager.save(this.entity, entity);
  }

  /** Inserts without reading the row back (one statement). */
  async insert(values: ScopedValues<T>): Promise<void> {
    this.refuseOrganizationId(values);
    await this.manager.insert(this.entity, { ...values, organizationId: this.organizationId } as never);
  }

  async update(where: ScopedWhere<T>, values: ScopedValues<T>): Promise<number> {
    this.refuseOrganizationId(values);
    const result = await this.manager.update(this.entity, this.scope(where), values as never);
    return result.affected ?? 0;
  }

  async delete(where: ScopedWhere<T>): Promise<number> {
    const result = await this.manager.delete(this.entity, this.scope(where));
    return result.affected ?? 0;
  }

  /**
   * A query builder already filtered to the organization. Its `where` adds
   * to the filter instead of replacing it, so no call can drop the scope.
   */
  createQueryBuilder(alias: string): SelectQueryBuilder<T> {
    const qb = this.manager
      .createQueryBuilder(this.entity, alias)
      .where(`${alias}.organizationId = :scopedOrganizationId`, { scopedOrganizationId: this.organizationId });
    qb.where = qb.andWhere.bind(qb);
    return qb;
  }

  private scope(where: ScopedWhere<T> = {} as ScopedWhere<T>): FindOptionsWhere<T> {
    this.refuseOrganizationId(where);
    return { ...where, organizationId: this.organizationId } as FindOptionsWhere<T>;
  }

  private refuseOrganizationId(values: object): void {
    if ('organizationId' in values) {
      throw new Error('organizationId is set by the scoped repository; do not pass it');
    }
  }
}
