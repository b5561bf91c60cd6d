import { Badge } from '@mantine/core';
import {
  DELIVERY_STATUS_COLORS,
  DELIVERY_STATUS_LABELS,
  ENDPOINT_STATE_COLORS,
  ENDPOINT_STATE_LABELS,
  endpointState,
} from './webhook-status';
import type { DeliveryStatus, WebhookEndpoint } from './webhooks-queries';

export function EndpointStatusBadge({ endpoint }: { endpoint: WebhookEndpoint }) {
  const state = endpointState(endpoint);
  return (
    <Badge
      variant="light"
      color={ENDPOINT_STATE_COLORS[state]}
      tt="none"
      miw="max-content"
      data-testid="endpoint-status"
      data-state={state}
    >
      {ENDPOINT_STATE_LABELS[state]}
    </Badge>
  );
}

export function DeliveryStatusBadge({ status }: { status: DeliveryStatus }) {
  return (
    <Badge
      variant="light"
      color={DELIVERY_STATUS_COLORS[status]}
      tt="none"
      miw="max-content"
      data-testid="delivery-status"
      data-status={status}
    >
      {DELIVERY_STATUS_LABELS[status]}
    </Badge>
  );
}
