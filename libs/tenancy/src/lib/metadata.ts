export const IS_PUBLIC = 'plinth:isPublic';
export const IS_AUTHENTICATED = 'plinth:isAuthenticated';
export const REQUIRED_PERMISSION = 'plinth:requiredPermission';
/** The route parameter that names the organization (`/organizations/:id/…`). */
export const ORGANIZATION_PARAM = 'plinth:organizationParam';
/** 'request': the guard opens the request's transaction; 'own': the route opens its own (streams, uploads). */
export const TRANSACTION_MODE = 'plinth:transactionMode';
/** The route manages people or credentials: a signed-in person only, never an API key. */
export const SIGNED_IN_ONLY = 'plinth:signedInOnly';
