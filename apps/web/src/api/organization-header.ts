/**
 * Names the organization a call acts for. The token's `org` claim would do
 * too, but it follows the URL asynchronously (see useActiveOrganization);
 * the header makes every call exact even while that switch is in flight.
 */
export function forOrganization(organizationId: string): { headers: { 'X-Organization-Id': string } } {
  return { headers: { 'X-Organization-Id': organizationId } };
}
