import { ApiError } from '@plinth/api-client';

/** The `details` of a 402 QUOTA_EXCEEDED answer (see the contract's error table). */
export interface QuotaExceeded {
  dimension: string;
  current: number;
  limit: number | null;
  planTier: string;
  /** The API's generic plans page; the SPA offers the organization's own billing page instead (see UpgradeLink). */
  upgradeUrl: string;
}

export function quotaExceededOf(error: unknown): QuotaExceeded | null {
  if (!(error instanceof ApiError) || error.code !== 'QUOTA_EXCEEDED') return null;
  return (error.details ?? {}) as QuotaExceeded;
}
