export const IS_PUBLIC = 'plinth:isPublic';
export const IS_AUTHENTICATED = 'plinth:isAuthenticated';
export const REQUIRED_PERMISSION = 'plinth:requiredPermission';
