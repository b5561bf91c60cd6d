// Generated from openapi.json by `npm run openapi`. Do not edit.
/** Every role, most powerful first. */
export const ROLES = ["owner","admin","editor","publisher","viewer"] as const;
/** The roles an invite, an API key or a role change may give: ownership moves only by transfer. */
export const GRANTABLE_ROLES = ["admin","editor","publisher","viewer"] as const;
/** The events a webhook endpoint may subscribe to, in the API’s order. */
export const WEBHOOK_EVENT_TYPES = ["member.invited","member.joined","member.removed","member.role_changed","site.created","site.deleted","post.created","post.published","post.deleted","subscription.updated","quota.warning","quota.exceeded"] as const;
