import { ApiPropertyOptional } from '@nestjs/swagger';
import { isUuid, ValidationFailedError } from '@plinth/tenancy';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { EntityMetadata, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Page } from './envelope.interceptor';
import { DecimalInteger, isSaneDate } from './request-params';

export class PageQueryDto {
  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @DecimalInteger()
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

interface Position {
  at: Date;
  id: string;
}

export interface KeysetOrder {
  /** The entity's timestamp property the list is ordered by (ties broken by id). */
  column: string;
  direction: 'ASC' | 'DESC';
}

/**
 * Keyset pagination on (timestamp, id): stable under inserts, and each page
 * is one index range scan. Fetches limit + 1 rows to know whether more exist.
 * A plain LIMIT, not TypeORM's `take` (which costs a second query whenever a
 * join is present): callers join only one-to-one.
 */
export function pageQuery<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  page: PageQueryDto,
  column: string,
  direction: 'ASC' | 'DESC',
): SelectQueryBuilder<T> {
  const metadata = qb.expressionMap.mainAlias?.metadata;
  if (!metadata) throw new Error(`pageQuery: ${alias} has no entity`);
  const after = pageCondition(metadata, alias, page, { column, direction });
  if (after) qb.andWhere(after.condition, after.parameters);
  return qb
    .orderBy(`${alias}.${column}`, direction)
    .addOrderBy(`${alias}.id`, direction)
    .limit(page.limit + 1);
}

/**
 * The condition "after the cursor's row" for `alias` (null on the first page).
 * Postgres keeps microseconds, a JS Date milliseconds: it compares with the
 * cursor row's exact timestamp, falling back to the cursor's own when that row is gone.
 */
export function pageCondition(
  metadata: EntityMetadata,
  alias: string,
  page: PageQueryDto,
  order: KeysetOrder,
): { condition: string; parameters: Record<string, unknown> } | null {
  const after = decodeCursor(page.cursor);
  if (!after) return null;
  const columnName = metadata.findColumnWithPropertyName(order.column)?.databaseName;
  if (!columnName) throw new Error(`pageCondition: ${alias}.${order.column} is not an entity column`);
  const op = order.direction === 'DESC' ? '<' : '>';
  const exact = `(SELECT c.${columnName} FROM ${metadata.tableName} c WHERE c.id = :cursorId)`;
  return {
    condition: `(${alias}.${order.column}, ${alias}.id) ${op} (COALESCE(${exact}, :cursorAt), :cursorId)`,
    parameters: { cursorAt: after.at, cursorId: after.id },
  };
}

export function toPage<Row, Out>(rows: Row[], page: PageQueryDto, position: (row: Row) => Position, present: (row: Row) => Out): Page<Out> {
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > page.limit && last ? encodeCursor(position(last)) : null;
  return new Page(items.map(present), nextCursor, page.limit);
}

function encodeCursor({ at, id }: Position): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
}

function decodeCursor(cursor: string | undefined): Position | null {
  if (!cursor) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(at);
    if (!isSaneDate(date) || !isUuid(id)) throw new Error('bad cursor');
    return { at: date, id };
  } catch {
    throw new ValidationFailedError('Invalid cursor', [{ field: 'cursor', problems: ['not a cursor from this list'] }]);
  }
}
