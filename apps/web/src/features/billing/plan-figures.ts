import { formatNumber, formatPrice, humanBytes } from '../../ui/format';
import type { Plan } from './plans-query';

/** One row of the pricing table: what it shows for a plan. */
export interface PlanRow {
  label: string;
  value: (plan: Plan) => string;
}

const limit = (format: (value: number) => string) => (value: number | null) => (value === null ? 'Unlimited' : format(value));
const count = limit(formatNumber);
const included = (yes: boolean) => (yes ? 'Included' : '—');

/** The limits people compare first; the plan cards of the billing page show these. */
export const PLAN_HIGHLIGHTS: PlanRow[] = [
  { label: 'Sites', value: (plan) => count(plan.limits.sites) },
  { label: 'Posts per site', value: (plan) => count(plan.limits.posts) },
  { label: 'Users', value: (plan) => count(plan.limits.users) },
  { label: 'Storage', value: (plan) => limit(humanBytes)(plan.limits.storage_bytes) },
];

export const PLAN_ROWS: PlanRow[] = [
  { label: 'Price per month', value: (plan) => formatPrice(plan.priceMonthlyCents) },
  {
    label: 'Price per year',
    // Null per year is "custom" only when the monthly price is custom too; otherwise the plan has no yearly price.
    value: (plan) => (plan.priceAnnualCents === null && plan.priceMonthlyCents !== null ? '—' : formatPrice(plan.priceAnnualCents)),
  },
  ...PLAN_HIGHLIGHTS,
  { label: 'API calls per month', value: (plan) => count(plan.limits.api_calls) },
  { label: 'API requests per second', value: (plan) => count(plan.rateLimitPerSecond) },
  { label: 'Outgoing webhooks', value: (plan) => included(plan.features.webhooks) },
  { label: 'Audit log export', value: (plan) => included(plan.features.auditExport) },
  { label: 'Custom domains', value: (plan) => included(plan.features.customDomains) },
  { label: 'Free trial', value: (plan) => (plan.trialDays ? `${plan.trialDays} days` : '—') },
];
