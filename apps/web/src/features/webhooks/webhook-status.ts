import type { DeliveryStatus, WebhookEndpoint } from './webhooks-queries';

export type EndpointState = 'enabled' | 'failing' | 'disabled' | 'disabled-for-failures';

/** What the endpoint does now: sends (perhaps failing), or not, and why not. */
export function endpointState(endpoint: Pick<WebhookEndpoint, 'enabled' | 'disabledReason' | 'failingSince'>): EndpointState {
  if (!endpoint.enabled) return endpoint.disabledReason === 'failing' ? 'disabled-for-failures' : 'disabled';
  return endpoint.failingSince ? 'failing' : 'enabled';
}

export const ENDPOINT_STATE_LABELS: Record<EndpointState, string> = {
  enabled: 'Enabled',
  failing: 'Failing',
  disabled: 'Disabled',
  'disabled-for-failures': 'Disabled after failures',
};

export const ENDPOINT_STATE_COLORS: Record<EndpointState, string> = {
  enabled: 'teal',
  failing: 'orange',
  disabled: 'gray',
  'disabled-for-failures': 'red',
};

export const DELIVERY_STATUS_LABELS: Record<DeliveryStatus, string> = {
  pending: 'Pending',
  succeeded: 'Succeeded',
  failed: 'Failed',
};

export const DELIVERY_STATUS_COLORS: Record<DeliveryStatus, string> = {
  pending: 'blue',
  succeeded: 'teal',
  failed: 'red',
};

/** 35 → "35 ms", 1450 → "1.45 s". */
export function formatDuration(durationMs: number): string {
  const ms = Math.round(durationMs);
  if (ms < 1000) return `${ms} ms`;
  return `${(ms / 1000).toFixed(2).replace(/\.?0+$/, '')} s`;
}
