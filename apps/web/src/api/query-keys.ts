/**
 * Query keys. The caller's own account is user-level; everything that
 * belongs to an organization starts with its id, so switching or leaving
 * an organization can drop exactly its cache.
 */
export const queryKeys = {
  me: ['me'] as const,
  emailVerification: (token: string) => ['email-verification', token] as const,
  organization: (organizationId: string, ...parts: string[]) => [organizationId, ...parts] as const,
};
