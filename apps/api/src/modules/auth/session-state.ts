/**
 * A session is a refresh-token family; it ends when any of its tokens is
 * revoked (logout, a password reset or change, signing the device out from
 * the account page, a reused refresh token, a switch of organization).
 * Access tokens carry their family, so this one condition ends them too,
 * before their 15 minutes are up.
 */
export function sessionEndedSql(familyIdSql: string): string {
  return `EXISTS (SELECT 1 FROM refresh_tokens rt WHERE rt.family_id = ${familyIdSql} AND rt.revoked_at IS NOT NULL)`;
}
