import { StripeApiError } from './errors';

/** A parsed form value: Stripe's bracket notation gives strings, lists and nested hashes. */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormParams = { [key: string]: FormValue };

/** Parses Stripe's form encoding: `a[b]=1&c[0][d]=2` → `{ a: { b: '1' }, c: [{ d: '2' }] }`. */
export function parseForm(text: string): FormParams {
  const root: FormParams = {};
  for (const [name, value] of new URLSearchParams(text)) {
    const [head, ...rest] = name.split('[');
    const path = [head, ...rest.map((part) => part.replace(/]$/, ''))];
    let node: FormParams = root;
    path.forEach((key, index) => {
      if (index === path.length - 1) node[key] = value;
      else node = (node[key] = typeof node[key] === 'object' ? node[key] : {}) as FormParams;
    });
  }
  return listsOf(root) as FormParams;
}

/** Turns hashes keyed 0, 1, … into lists, as Stripe reads `line_items[0][price]`. */
function listsOf(value: FormValue): FormValue {
  if (typeof value === 'string') return value;
  const entries = Object.entries(value).map(([key, inner]) => [key, listsOf(inner)] as const);
  const isList = entries.length > 0 && entries.every(([key]) => /^\d+$/.test(key));
  if (!isList) return Object.fromEntries(entries);
  return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, inner]) => inner);
}

/** What a parameter may be; anything else is refused the way Stripe refuses it. */
export type Shape =
  | { kind: 'string' | 'integer' | 'boolean' | 'map' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'list'; of: Shape }
  | { kind: 'hash'; fields: Readonly<Record<string, Shape>> };

export const string: Shape = { kind: 'string' };
export const integer: Shape = { kind: 'integer' };
export const boolean: Shape = { kind: 'boolean' };
/** Free-form keys, e.g. `metadata`. */
export const map: Shape = { kind: 'map' };
export const oneOf = (...values: string[]): Shape => ({ kind: 'enum', values });
export const list = (of: Shape): Shape => ({ kind: 'list', of });
export const hash = (fields: Record<string, Shape>): Shape => ({ kind: 'hash', fields });

/** Throws Stripe's 400 for the first parameter that `shape` does not allow. */
export function checkParams(value: FormValue, shape: Shape, name = ''): void {
  const nested = (key: string | number) => (name ? `${name}[${key}]` : String(key));
  if (shape.kind === 'hash' || shape.kind === 'map' || shape.kind === 'list') {
    if (typeof value === 'string' && value === '' && shape.kind !== 'hash') return; // '' unsets a map or list
    if (typeof value === 'string') throw StripeApiError.invalid(name, `Invalid ${shape.kind === 'list' ? 'array' : 'object'}`);
  }
  switch (shape.kind) {
    case 'hash':
      for (const [key, inner] of Object.entries(value)) {
        const field = shape.fields[key];
        if (!field) throw StripeApiError.unknownParameter(nested(key));
        checkParams(inner, field, nested(key));
      }
      return;
    case 'map':
      for (const [key, inner] of Object.entries(value)) {
        if (typeof inner !== 'string') throw StripeApiError.invalid(nested(key), 'Invalid string');
      }
      return;
    case 'list':
      if (!Array.isArray(value)) throw StripeApiError.invalid(name, 'Invalid array');
      value.forEach((inner, index) => checkParams(inner, shape.of, nested(index)));
      return;
    default:
      checkScalar(value, shape, name);
  }
}

function checkScalar(value: FormValue, shape: Shape, name: string): void {
  if (typeof value !== 'string') throw StripeApiError.invalid(name, `Invalid ${shape.kind === 'enum' ? 'string' : shape.kind}`);
  if (shape.kind === 'integer' && !/^-?\d+$/.test(value))
    throw StripeApiError.invalid(name, `Invalid integer: ${value}`, 'parameter_invalid_integer');
  if (shape.kind === 'boolean' && value !== 'true' && value !== 'false') throw StripeApiError.invalid(name, `Invalid boolean: ${value}`);
  if (shape.kind === 'enum' && !shape.values.includes(value)) {
    throw StripeApiError.invalid(name, `Invalid ${name}: must be one of ${shape.values.join(', ')}`);
  }
}

/** Readers for parameters that `checkParams` has let through. */
export const read = {
  string: (value: FormValue | undefined): string | null => (typeof value === 'string' ? value : null),
  integer: (value: FormValue | undefined): number | null => (typeof value === 'string' ? Number(value) : null),
  boolean: (value: FormValue | undefined): boolean | null => (typeof value === 'string' ? value === 'true' : null),
  map: (value: FormValue | undefined): Record<string, string> =>
    value && typeof value === 'object' ? (value as Record<string, string>) : {},
};
