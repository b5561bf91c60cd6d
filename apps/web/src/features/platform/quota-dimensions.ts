import { humanBytes, formatNumber } from '../../ui/format';
import type { Dimension } from './platform-queries';

/** The limits a platform admin may override, as the API's path parameter names them (checked against the spec's enum). */
export const DIMENSIONS = [
  { value: 'sites', label: 'Sites' },
  { value: 'posts', label: 'Posts per site' },
  { value: 'users', label: 'Users' },
  { value: 'storage_bytes', label: 'Storage (bytes)' },
  { value: 'api_calls', label: 'API calls per period' },
] as const satisfies ReadonlyArray<{ value: Dimension; label: string }>;

/** Every dimension the spec knows is offered: a dimension added to the API without a label here fails to compile. */
type Missing = Exclude<Dimension, (typeof DIMENSIONS)[number]['value']>;
const _everyDimension: Missing extends never ? true : never = true;
void _everyDimension;

export function dimensionLabel(dimension: string): string {
  return DIMENSIONS.find((d) => d.value === dimension)?.label ?? dimension;
}

/** An override's limit as a person reads it: bytes in units, null as unlimited. */
export function formatLimit(dimension: string, limit: number | null): string {
  if (limit === null) return 'Unlimited';
  return dimension === 'storage_bytes' ? humanBytes(limit) : formatNumber(limit);
}
