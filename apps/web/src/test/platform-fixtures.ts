import type { Schemas } from '@plinth/api-client';
import { USER } from './fixtures';

/** Contract-shaped data for the platform console's component tests (typed by the generated schema). */

export const PLATFORM_ADMIN: Schemas['UserDto'] = { ...USER, isPlatformAdmin: true };

export function adminOrganization(overrides: Partial<Schemas['AdminOrganizationDto']> = {}): Schemas['AdminOrganizationDto'] {
  return {
    id: '7d3f2a10-0000-4000-8000-000000000c01',
    name: 'Globex',
    slug: 'globex',
    planTier: 'pro',
    usage: { sites: 4, users: 7, storage_bytes: 3 * 1024 * 1024 * 1024, api_calls: 12_500 },
    overrides: {},
    createdAt: '2025-02-01T09:00:00.000Z',
    ...overrides,
  };
}

export function failedDelivery(overrides: Partial<Schemas['FailedWebhookDeliveryDto']> = {}): Schemas['FailedWebhookDeliveryDto'] {
  return {
    id: '7d3f2a10-0000-4000-8000-000000000d01',
    organization: { id: '7d3f2a10-0000-4000-8000-000000000c01', name: 'Globex', slug: 'globex' },
    endpointId: '7d3f2a10-0000-4000-8000-000000000e01',
    endpointUrl: 'https://hooks.globex.example/plinth',
    endpointEnabled: true,
    eventId: '7d3f2a10-0000-4000-8000-000000000f01',
    eventType: 'site.created',
    attemptCount: 8,
    lastStatusCode: 503,
    lastError: null,
    failedAt: '2026-03-02T10:00:00.000Z',
    createdAt: '2026-03-01T10:00:00.000Z',
    ...overrides,
  };
}

export function failedStripeEvent(overrides: Partial<Schemas['FailedStripeEventDto']> = {}): Schemas['FailedStripeEventDto'] {
  return {
    id: 'evt_1Q2w3E4r5T6y7U8i',
    type: 'invoice.paid',
    organization: { id: '7d3f2a10-0000-4000-8000-000000000c01', name: 'Globex', slug: 'globex' },
    createdAt: '2026-03-02T10:00:00.000Z',
    receivedAt: '2026-03-02T10:00:01.000Z',
    attempts: 3,
    lastError: 'new row for relation "invoices" violates check constraint "invoices_status_check"',
    ...overrides,
  };
}
