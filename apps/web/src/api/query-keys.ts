/**
 * Query keys. The caller's own account and public data are user-level;
 * everything that belongs to an organization starts with its id, so
 * switching or leaving an organization can drop exactly its cache.
 */
export const queryKeys = {
  me: ['me'] as const,
  plans: ['plans'] as const,
  deployment: ['deployment'] as const,
  emailVerification: (token: string) => ['email-verification', token] as const,
  invitePreview: (token: string) => ['invite-preview', token] as const,
  organization: (organizationId: string, ...parts: unknown[]) => [organizationId, ...parts] as const,
};
