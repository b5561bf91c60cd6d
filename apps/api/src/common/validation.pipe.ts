import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldProblem, ValidationFailedError } from '@plinth/tenancy';

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: [...new Set(Object.values(error.constraints))] }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Whitelists DTO fields, rejects unknown ones, and reports each failing
 * field. Before that, refuses text PostgreSQL cannot store — a NUL byte, or a
 * lone UTF-16 surrogate (a JSON column rejects it) — anywhere in a body, a
 * query or a path parameter.
 */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const bad = unstorableText(value, metadata.type === 'param' ? (metadata.data ?? '') : '');
      if (bad) throw new ValidationFailedError(`Invalid request: ${bad.field}`, [bad]);
    }
    return super.transform(value, metadata);
  }
}

/** With the `u` flag a surrogate pair is one code point, so only an unpaired half matches. */
const LONE_SURROGATE = /\p{Cs}/u;

/** The first string (or key) holding a NUL byte or a lone surrogate, with its path. */
export function unstorableText(value: unknown, path: string): FieldProblem | null {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return { field: path || 'body', problems: [`${path || 'body'} must not contain NUL bytes`] };
    if (LONE_SURROGATE.test(value)) return { field: path || 'body', problems: [`${path || 'body'} must be well-formed Unicode`] };
    return null;
  }
  if (value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    const field = path ? `${path}.${key}` : key;
    const bad = unstorableText(key, field) ?? unstorableText(item, field);
    if (bad) return bad;
  }
  return null;
}

export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      const fields = details.map((d) => d.field).join(', ');
      return new ValidationFailedError(`Invalid request: ${fields}`, details);
    },
  });
}
