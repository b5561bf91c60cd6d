import { ApiKey } from '../modules/api-keys/entities/api-key.entity';
import { Invoice } from '../modules/billing/entities/invoice.entity';
import { StripeEvent } from '../modules/billing/entities/stripe-event.entity';
import { SubscriptionTransition } from '../modules/billing/entities/subscription-transition.entity';
import { Subscription } from '../modules/billing/entities/subscription.entity';
import { AuditLog } from '../modules/audit/entities/audit-log.entity';
import { RefreshToken } from '../modules/auth/entities/refresh-token.entity';
import { UserToken } from '../modules/auth/entities/user-token.entity';
import { Media } from '../modules/content/media/entities/media.entity';
import { Post } from '../modules/content/posts/entities/post.entity';
import { Site } from '../modules/content/sites/entities/site.entity';
import { Invite } from '../modules/invites/entities/invite.entity';
import { OrganizationMember } from '../modules/organizations/entities/organization-member.entity';
import { Organization } from '../modules/organizations/entities/organization.entity';
import { User } from '../modules/users/entities/user.entity';
import { WebhookDeliveryAttempt } from '../modules/webhooks/entities/webhook-delivery-attempt.entity';
import { WebhookDelivery } from '../modules/webhooks/entities/webhook-delivery.entity';
import { WebhookEndpoint } from '../modules/webhooks/entities/webhook-endpoint.entity';
import { WebhookEvent } from '../modules/webhooks/entities/webhook-event.entity';

export const entities = [
  User,
  Organization,
  OrganizationMember,
  RefreshToken,
  UserToken,
  Invite,
  ApiKey,
  AuditLog,
  Site,
  Post,
  Media,
  Subscription,
  Invoice,
  StripeEvent,
  SubscriptionTransition,
  WebhookEndpoint,
  WebhookEvent,
  WebhookDelivery,
  WebhookDeliveryAttempt,
];
