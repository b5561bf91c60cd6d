/** Claims of Plinth's access JWT. */
export interface AccessTokenClaims {
  sub: string;
  /** The organization selected at login, signup or switch. */
  org: string | null;
  /** The refresh-token family of the session: once it is revoked, the token is refused. */
  fam: string;
  typ: 'access';
}

/** A signed-in user, as the JWT strategy puts it on `request.user`. */
export interface AuthenticatedUser {
  kind: 'user';
  userId: string;
  organizationId: string | null;
  familyId: string;
}
