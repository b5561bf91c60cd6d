import type { FieldProblem } from '@plinth/tenancy';
import { isURL } from 'class-validator';

/**
 * How an import checks a record: a few field rules, each giving the problem
 * in words (naming the field) or null. Plain functions rather than DTO
 * classes: an import checks every one of possibly millions of lines.
 */
export type Rule = (value: unknown, field: string) => string | null;

export interface RecordShape {
  /** Every field the record has; a field missing is `undefined` to its rule. */
  fields: Record<string, Rule>;
  /** Fields beyond `fields` are ignored instead of refused: for records read only in part. */
  open?: boolean;
}

export type ImportRecord = Record<string, unknown> & { type: string };

/** The record's problems, one entry a field; `type` is the dispatcher's. */
export function problemsOf(shape: RecordShape, record: ImportRecord): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [field, rule] of Object.entries(shape.fields)) {
    const problem = rule(record[field], field);
    if (problem) problems.push({ field, problems: [problem] });
  }
  if (!shape.open) {
    for (const field of Object.keys(record)) {
      if (field !== 'type' && !Object.hasOwn(shape.fields, field))
        problems.push({ field, problems: [`${field} is not a field of a ${record.type} record`] });
    }
  }
  return problems;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const DIGITS = /^\d{1,16}$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const uuid: Rule = (value, field) => (typeof value === 'string' && UUID.test(value) ? null : `${field} must be a UUID`);

export const timestamp: Rule = (value, field) =>
  typeof value === 'string' && ISO_TIME.test(value) && !Number.isNaN(Date.parse(value)) ? null : `${field} must be an ISO-8601 date-time`;

export function nullable(rule: Rule): Rule {
  return (value, field) => (value === null ? null : rule(value, field));
}

/** Anything at all, even absent: a field read by nobody. */
export const anything: Rule = () => null;

export function oneOf(values: readonly string[]): Rule {
  return (value, field) => (typeof value === 'string' && values.includes(value) ? null : `${field} must be one of ${values.join(', ')}`);
}

interface TextRule {
  min?: number;
  max: number;
  /** Must match, as `description` says. */
  pattern?: RegExp;
  description?: string;
}

/** A string PostgreSQL can store (no NUL, well-formed Unicode), of `min`–`max` characters; with `min`, not blank. */
export function text({ min = 0, max, pattern, description }: TextRule): Rule {
  return (value, field) => {
    if (typeof value !== 'string') return `${field} must be a string`;
    if (value.length < min || value.length > max || (min > 0 && !value.trim())) return `${field} must have ${min} to ${max} characters`;
    if (value.includes('\u0000')) return `${field} must not contain NUL bytes`;
    if (LONE_SURROGATE.test(value)) return `${field} must be well-formed Unicode`;
    if (pattern && !pattern.test(value)) return `${field} must be ${description}`;
    return null;
  };
}

/** A whole number in range; also as a string of digits (PostgreSQL's bigint, as JSON shows it). */
export function wholeNumber({ min, max = Number.MAX_SAFE_INTEGER }: { min: number; max?: number }): Rule {
  return (value, field) => {
    const number = typeof value === 'string' && DIGITS.test(value) ? Number(value) : value;
    return Number.isSafeInteger(number) && (number as number) >= min && (number as number) <= max
      ? null
      : `${field} must be a whole number from ${min} to ${max}`;
  };
}

export const email: Rule = (value, field) =>
  text({ min: 3, max: 320, pattern: /^[^\s@]+@[^\s@]+$/, description: 'an email address' })(value, field);

export const httpsUrl: Rule = (value, field) =>
  typeof value === 'string' && value.length <= 2048 && isURL(value, { protocols: ['https'], require_protocol: true })
    ? null
    : `${field} must be an https URL`;

export const base64: Rule = (value, field) =>
  typeof value === 'string' && value.length > 0 && value.length % 4 === 0 && BASE64.test(value) ? null : `${field} must be base64`;
