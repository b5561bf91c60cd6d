import type { QuotaStatus } from './quota-status-query';

export type Dimension = keyof QuotaStatus;

/** The API's warning marks (X-Quota-Warning at 80, 90 and 95 %), and the limit itself. */
export const WARNING_LEVELS = [100, 95, 90, 80] as const;
export type WarningLevel = (typeof WARNING_LEVELS)[number];

export interface QuotaWarning {
  dimension: Dimension;
  percentage: number;
  /** The highest mark reached. */
  level: WarningLevel;
}

/** The order people read them in: the plan catalog's. `Record` fails the build when the API adds a dimension. */
const DIMENSION_ORDER: Record<Dimension, number> = { sites: 0, posts: 1, users: 2, storage_bytes: 3, api_calls: 4 };

/** Every limit at 80 % or more, fullest first. Unlimited dimensions (percentage null) never warn. */
export function quotaWarnings(status: QuotaStatus): QuotaWarning[] {
  const warnings: QuotaWarning[] = [];
  for (const dimension of Object.keys(DIMENSION_ORDER) as Dimension[]) {
    const { percentage } = status[dimension];
    const level = percentage === null ? undefined : WARNING_LEVELS.find((mark) => percentage >= mark);
    if (percentage !== null && level !== undefined) warnings.push({ dimension, percentage, level });
  }
  return warnings.sort((a, b) => b.percentage - a.percentage || DIMENSION_ORDER[a.dimension] - DIMENSION_ORDER[b.dimension]);
}

/** The limit as the warning names it. */
export const DIMENSION_NAMES: Record<Dimension, string> = {
  sites: 'Sites',
  posts: 'Posts in your fullest site',
  users: 'Users',
  storage_bytes: 'Storage',
  api_calls: 'API calls this period',
};

/** What stops working at the limit. */
export const AT_THE_LIMIT: Record<Dimension, string> = {
  sites: 'new sites are refused',
  posts: 'new posts in that site are refused',
  users: 'new invitations are refused',
  storage_bytes: 'uploads are refused',
  api_calls: 'API-key requests past the allowance are refused, unless the organization pays as it goes',
};
