import type { Schemas } from '@plinth/api-client';
import type { ShellContext } from '../features/shell/shell-context';
import { failure, type ApiReply } from './api';

/**
 * Contract-shaped data for component tests. Typed by the generated schema,
 * so a DTO change in the API breaks the fixture at compile time, not silently.
 */

type Membership = Schemas['MembershipDto'];
type Permission = Membership['permissions'][number];
type PlanTier = Schemas['PlanDto']['tier'];

export const ORGANIZATION_ID = '7d3f2a10-0000-4000-8000-000000000001';

export const USER: Schemas['UserDto'] = {
  id: '7d3f2a10-0000-4000-8000-0000000000a1',
  email: 'ada@example.com',
  name: 'Ada Lovelace',
  emailVerified: true,
  isPlatformAdmin: false,
  createdAt: '2025-01-06T09:00:00.000Z',
};

/** An owner's permissions: everything. Narrow them per test with `permissions`. */
export const EVERY_PERMISSION: Permission[] = [
  'billing:manage',
  'billing:read',
  'members:invite',
  'members:remove',
  'members:update',
  'members:read',
  'sites:create',
  'sites:delete',
  'sites:read',
  'settings:manage',
  'posts:create',
  'posts:edit',
  'posts:publish',
  'posts:read',
  'media:upload',
  'quotas:read',
  'apikeys:manage',
  'webhooks:manage',
  'audit:read',
  'organization:delete',
  'organization:transfer',
  'organization:export',
];

export function membership(overrides: Partial<Membership> = {}): Membership {
  return {
    organizationId: ORGANIZATION_ID,
    name: 'Acme',
    slug: 'acme',
    role: 'owner',
    permissions: EVERY_PERMISSION,
    planTier: 'free',
    ...overrides,
  };
}

/** What the app shell gives the pages of /o/:orgSlug. */
export function shellContext(overrides: Partial<Membership> = {}): ShellContext {
  const member = membership(overrides);
  return { me: { user: USER, memberships: [member], hostOrganizationSlug: null, baseDomain: null, multiTenant: true }, membership: member };
}

/** An unsigned JWT-shaped access token acting for `organizationId`: the SPA reads its claims without verifying. */
export function accessTokenFor(organizationId: string): string {
  const part = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: USER.id, org: organizationId })}.signature`;
}

export function organization(overrides: Partial<Schemas['OrganizationDto']> = {}): Schemas['OrganizationDto'] {
  return {
    id: ORGANIZATION_ID,
    name: 'Acme',
    slug: 'acme',
    logoUrl: null,
    planTier: 'free',
    createdAt: '2025-01-06T09:00:00.000Z',
    ...overrides,
  };
}

/** /auth/login's answer: the person's organizations, and a token acting for one of them. */
export function loginResult(organizations: Array<Partial<Schemas['OrganizationDto']>>, actingFor: string): Schemas['LoginResultDto'] {
  return {
    accessToken: accessTokenFor(actingFor),
    refreshToken: 'refresh-token-from-login',
    user: USER,
    organizations: organizations.map((overrides) => ({ ...organization(overrides), role: 'owner' as const })),
  };
}

export function plan(tier: PlanTier, overrides: Partial<Schemas['PlanDto']> = {}): Schemas['PlanDto'] {
  return {
    tier,
    name: tier.charAt(0).toUpperCase() + tier.slice(1),
    priceMonthlyCents: 0,
    priceAnnualCents: null,
    limits: { sites: 1, posts: 20, users: 3, storage_bytes: 104_857_600, api_calls: 1_000 },
    rateLimitPerSecond: 2,
    features: { webhooks: false, auditExport: false, customDomains: false },
    trialDays: null,
    ...overrides,
  };
}

export function site(overrides: Partial<Schemas['SiteDto']> = {}): Schemas['SiteDto'] {
  return {
    id: '7d3f2a10-0000-4000-8000-0000000000b1',
    name: 'Company blog',
    domain: null,
    createdAt: '2025-03-01T10:00:00.000Z',
    updatedAt: '2025-03-01T10:00:00.000Z',
    ...overrides,
  };
}

/** /api-keys' answer to a create: the key itself, this once, beside what the list shows later. */
export function createdApiKey(body: Schemas['CreateApiKeyDto']): Schemas['CreatedApiKeyDto'] {
  return {
    id: '7d3f2a10-0000-4000-8000-0000000000e1',
    name: body.name,
    role: body.role,
    prefix: 'plk_3f9a2c71d0b4',
    key: 'plk_3f9a2c71d0b4_s3cr3t-part-shown-once',
    createdAt: '2025-03-02T10:00:00.000Z',
    expiresAt: body.expiresAt ?? null,
    lastUsedAt: null,
  };
}

/** One limit's figures as /quotas/status reports them: whole percent, rounded down; null when unlimited. */
export function dimension(current: number, limit: number | null): Schemas['DimensionStatusDto'] {
  if (limit === null) return { current, limit, remaining: null, percentage: null };
  return {
    current,
    limit,
    remaining: Math.max(limit - current, 0),
    percentage: limit === 0 ? 100 : Math.floor((current / limit) * 100),
  };
}

/** A 402 QUOTA_EXCEEDED answer, message and `details` as the API sends them. */
export function quotaExceeded(dimensionName: string, current: number, limit: number, planTier: PlanTier = 'free'): ApiReply {
  return failure(
    402,
    'QUOTA_EXCEEDED',
    `Quota reached: ${dimensionName.replace('_', ' ')} ${current} of ${limit} on the ${planTier} plan`,
    {
      dimension: dimensionName,
      current,
      limit,
      planTier,
      upgradeUrl: 'https://plinth.example/pricing',
    },
  );
}
