/** Every event an endpoint may subscribe to (API.md, Developer platform). */
export const WEBHOOK_EVENT_TYPES = [
  'member.invited',
  'member.joined',
  'member.removed',
  'member.role_changed',
  'site.created',
  'site.deleted',
  'post.created',
  'post.published',
  'post.deleted',
  'subscription.updated',
  'quota.warning',
  'quota.exceeded',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** What an endpoint receives: the body of every delivery of one event, identical on every attempt. */
export interface WebhookPayload {
  id: string;
  type: WebhookEventType | 'webhook.test';
  organizationId: string;
  createdAt: string;
  data: object;
}
