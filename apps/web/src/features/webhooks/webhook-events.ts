import { WEBHOOK_EVENT_TYPES, type Schemas } from '@plinth/api-client';

/**
 * The events an endpoint may subscribe to, in the order the form offers them:
 * the spec's enum (API.md, Developer platform), generated into
 * `libs/api-client` (enums.ts).
 */
export { WEBHOOK_EVENT_TYPES };

export type WebhookEventType = Schemas['CreateWebhookEndpointDto']['events'][number];

/** What "Send test event" sends: not subscribable, it goes to the one endpoint it was sent to. */
export const TEST_EVENT_TYPE = 'webhook.test';

/** When each event is sent, in a few words, beside its checkbox. */
export const EVENT_DESCRIPTIONS: Record<WebhookEventType, string> = {
  'member.invited': 'Someone is invited to the organization',
  'member.joined': 'An invite is accepted',
  'member.removed': 'A member is removed or leaves',
  'member.role_changed': 'A member’s role changes',
  'site.created': 'A site is created',
  'site.deleted': 'A site is deleted',
  'post.created': 'A post is created',
  'post.published': 'A post is published',
  'post.deleted': 'A post is deleted',
  'subscription.updated': 'The plan or its billing changes',
  'quota.warning': 'Usage crosses 80, 90 or 95 % of a limit',
  'quota.exceeded': 'An action is refused at a limit',
};

/** The checkboxes in groups, by what the events are about. */
export const EVENT_GROUPS: Array<{ label: string; events: WebhookEventType[] }> = [
  { label: 'Members', events: ['member.invited', 'member.joined', 'member.removed', 'member.role_changed'] },
  { label: 'Sites', events: ['site.created', 'site.deleted'] },
  { label: 'Posts', events: ['post.created', 'post.published', 'post.deleted'] },
  { label: 'Plan and usage', events: ['subscription.updated', 'quota.warning', 'quota.exceeded'] },
];

/** Every event there is, whatever order they were picked in. */
export function coversAllEvents(events: readonly string[]): boolean {
  return WEBHOOK_EVENT_TYPES.every((event) => events.includes(event));
}

/** The picked events in the catalog's order: what the form sends and the list shows. */
export function inCatalogOrder(events: readonly string[]): WebhookEventType[] {
  return WEBHOOK_EVENT_TYPES.filter((event) => events.includes(event));
}
