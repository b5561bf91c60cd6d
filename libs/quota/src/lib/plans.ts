import type { PlanTier } from '@plinth/tenancy';

export const DIMENSIONS = ['sites', 'posts', 'users', 'storage_bytes', 'api_calls'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** `null` is unlimited. */
export type Limit = number | null;

export interface PlanFeatures {
  webhooks: boolean;
  auditExport: boolean;
  customDomains: boolean;
}

export interface Plan {
  tier: PlanTier;
  name: string;
  /** USD cents; null where the price is custom. */
  priceMonthlyCents: number | null;
  priceAnnualCents: number | null;
  limits: Record<Dimension, Limit>;
  /** API-key requests per second per organization; null: not limited. */
  rateLimitPerSecond: number | null;
  features: PlanFeatures;
  trialDays: number | null;
}

const MB = 1024 * 1024;
const GB = 1024 * MB;

/** API.md's default catalog. A deployment replaces it with PLANS_FILE. */
export const DEFAULT_PLANS: Plan[] = [
  {
    tier: 'free',
    name: 'Free',
    priceMonthlyCents: 0,
    priceAnnualCents: null,
    limits: { sites: 1, posts: 20, users: 2, storage_bytes: 500 * MB, api_calls: 10_000 },
    rateLimitPerSecond: 10,
    features: { webhooks: false, auditExport: false, customDomains: false },
    trialDays: null,
  },
  {
    tier: 'starter',
    name: 'Starter',
    priceMonthlyCents: 2_900,
    priceAnnualCents: 29_000,
    limits: { sites: 3, posts: 100, users: 5, storage_bytes: 5 * GB, api_calls: 100_000 },
    rateLimitPerSecond: 50,
    features: { webhooks: false, auditExport: false, customDomains: true },
    trialDays: 14,
  },
  {
    tier: 'pro',
    name: 'Pro',
    priceMonthlyCents: 9_900,
    priceAnnualCents: 99_000,
    limits: { sites: 10, posts: 1_000, users: 20, storage_bytes: 50 * GB, api_calls: 1_000_000 },
    rateLimitPerSecond: 200,
    features: { webhooks: true, auditExport: true, customDomains: true },
    trialDays: 14,
  },
  {
    tier: 'enterprise',
    name: 'Enterprise',
    priceMonthlyCents: null,
    priceAnnualCents: null,
    limits: { sites: null, posts: null, users: null, storage_bytes: null, api_calls: null },
    rateLimitPerSecond: 1_000,
    features: { webhooks: true, auditExport: true, customDomains: true },
    trialDays: null,
  },
];

/**
 * Single-tenant mode (MULTI_TENANT_ENABLED=false): whatever tier a row names,
 * nothing is limited and every feature is on — the deployment is its own customer.
 */
export const UNLIMITED_PLANS: Plan[] = DEFAULT_PLANS.map((plan) => ({
  ...plan,
  limits: { sites: null, posts: null, users: null, storage_bytes: null, api_calls: null },
  rateLimitPerSecond: null,
  features: { webhooks: true, auditExport: true, customDomains: true },
}));
