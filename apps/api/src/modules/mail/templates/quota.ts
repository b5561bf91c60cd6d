import { layout, plain } from './layout';

export interface QuotaWarningParams {
  name: string;
  organizationName: string;
  dimension: string;
  /** The threshold the usage crossed (80, 90 or 95). */
  threshold: number;
  current: number;
  limit: number;
  /** For posts, counted per site: the site's name. */
  siteName: string | null;
  usageUrl: string;
  upgradeUrl: string;
}

const NOUNS: Record<string, string> = {
  sites: 'sites',
  posts: 'posts',
  users: 'members',
  storage_bytes: 'storage',
  api_calls: 'API calls',
};

/**
 * Names what actually happened: the threshold crossed, or — when the usage
 * went straight to the limit — that the limit is reached, with the figures
 * in the dimension's own unit.
 */
export function quotaWarning(p: QuotaWarningParams) {
  const noun = NOUNS[p.dimension] ?? p.dimension.replace('_', ' ');
  const where = p.siteName ? ` on the site “${plain(p.siteName)}”` : '';
  const reached = p.current >= p.limit;
  const organization = plain(p.organizationName);
  return layout({
    subject: reached
      ? `${organization} has reached its ${noun} limit${where}`
      : `${organization} has used ${p.threshold}% of its ${noun} limit${where}`,
    greeting: `Hi ${plain(p.name)},`,
    paragraphs: [
      `“${organization}” is at ${figures(p)}${where} on its plan.`,
      reached
        ? p.dimension === 'api_calls'
          ? 'Further API calls are refused (402) until the period ends or the plan grows.'
          : `Adding more ${noun} is refused (402) until usage drops or the plan grows.`
        : `At the limit, adding more ${noun} is refused until usage drops or the plan grows.`,
      `Upgrade the plan: ${p.upgradeUrl}`,
    ],
    action: { label: 'See usage', url: p.usageUrl },
  });
}

function figures(p: QuotaWarningParams): string {
  if (p.dimension === 'storage_bytes') return `${bytes(p.current)} of ${bytes(p.limit)} of storage`;
  const noun = NOUNS[p.dimension] ?? p.dimension;
  return `${p.current.toLocaleString('en')} of ${p.limit.toLocaleString('en')} ${noun}`;
}

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

function bytes(value: number): string {
  const exponent = Math.min(Math.floor(Math.log(Math.max(value, 1)) / Math.log(1000)), UNITS.length - 1);
  const format = new Intl.NumberFormat('en', { style: 'unit', unit: UNITS[exponent], unitDisplay: 'short', maximumFractionDigits: 1 });
  return format.format(value / 1000 ** exponent);
}
