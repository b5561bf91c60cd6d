/**
 * Where custom (enterprise) plans are arranged. Neither the plan catalog
 * nor any other endpoint names a sales contact yet; until one does, this is it.
 */
export const SALES_EMAIL = 'sales@plinth.dev';

export function salesMailto(planName: string): string {
  return `mailto:${SALES_EMAIL}?subject=${encodeURIComponent(`The ${planName} plan`)}`;
}
