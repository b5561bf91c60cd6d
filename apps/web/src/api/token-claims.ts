/** The organization an access token acts for (its `org` claim), read without verifying: the API verifies. */
export function organizationIdOf(accessToken: string | null): string | null {
  if (!accessToken) return null;
  try {
    const payload = accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(atob(payload)) as { org?: unknown };
    return typeof claims.org === 'string' ? claims.org : null;
  } catch {
    return null;
  }
}
