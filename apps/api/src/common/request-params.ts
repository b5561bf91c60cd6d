import { Injectable, PipeTransform } from '@nestjs/common';
import { applyDecorators } from '@nestjs/common';
import { isUuid, ValidationFailedError } from '@plinth/tenancy';
import { Transform } from 'class-transformer';
import { MaxDate, MinDate } from 'class-validator';

/** A UUID path parameter in canonical lower case (PostgreSQL reads both cases; storage keys and comparisons need one). */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: { data?: string }): string {
    if (!isUuid(value)) {
      const field = metadata.data ?? 'id';
      throw new ValidationFailedError(`Invalid request: ${field}`, [{ field, problems: [`${field} must be a UUID`] }]);
    }
    return value.toLowerCase();
  }
}

/** A whole number written in decimal digits, nothing else (`0x10`, `1e1` and ` 16` are not numbers here). */
export const DecimalInteger = () =>
  Transform(({ value }) => (typeof value === 'string' && /^[0-9]{1,9}$/.test(value) ? Number(value) : value));

const EARLIEST = new Date('1970-01-01T00:00:00Z');
const LATEST = new Date('9999-12-31T23:59:59Z');

/** A date PostgreSQL and people both can hold: from 1970 to 9999. */
export const SaneDate = () => applyDecorators(MinDate(EARLIEST), MaxDate(LATEST));

export function isSaneDate(date: Date): boolean {
  return !Number.isNaN(date.getTime()) && date >= EARLIEST && date <= LATEST;
}
