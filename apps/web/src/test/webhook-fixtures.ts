import type {
  EndpointWithSecret,
  WebhookAttempt,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointInput,
} from '../features/webhooks/webhooks-queries';

/**
 * Webhook data as /webhook-endpoints answers it, typed by the generated
 * schema (through the feature's aliases), like fixtures.ts.
 */

export const ENDPOINT_ID = '7d3f2a10-0000-4000-8000-0000000000f1';
export const DELIVERY_ID = '7d3f2a10-0000-4000-8000-0000000000f2';
export const SIGNING_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

export const ENDPOINTS = '/api/v1/webhook-endpoints';
export const ENDPOINT = `${ENDPOINTS}/${ENDPOINT_ID}`;
export const DELIVERIES = `${ENDPOINT}/deliveries`;

export function webhookEndpoint(overrides: Partial<WebhookEndpoint> = {}): WebhookEndpoint {
  return {
    id: ENDPOINT_ID,
    url: 'https://hooks.example.com/plinth',
    events: ['site.created', 'post.published'],
    description: null,
    enabled: true,
    disabledReason: null,
    disabledAt: null,
    failingSince: null,
    previousSecretExpiresAt: null,
    createdAt: '2026-12-01T09:00:00.000Z',
    updatedAt: '2026-12-01T09:00:00.000Z',
    ...overrides,
  };
}

/** A create's answer: the endpoint as sent, and its secret, this once. */
export function createdEndpoint(body: WebhookEndpointInput, secret = SIGNING_SECRET): EndpointWithSecret {
  return { ...webhookEndpoint({ url: body.url, events: body.events, description: body.description ?? null }), secret };
}

export function attempt(overrides: Partial<WebhookAttempt> = {}): WebhookAttempt {
  return {
    at: '2026-12-01T10:00:01.000Z',
    statusCode: 200,
    durationMs: 42,
    responseExcerpt: null,
    error: null,
    nextRetryAt: null,
    ...overrides,
  };
}

export function delivery(overrides: Partial<WebhookDelivery> = {}): WebhookDelivery {
  return {
    id: DELIVERY_ID,
    eventId: '7d3f2a10-0000-4000-8000-0000000000f3',
    eventType: 'site.created',
    status: 'succeeded',
    attempts: [attempt()],
    nextRetryAt: null,
    createdAt: '2026-12-01T10:00:00.000Z',
    ...overrides,
  };
}
