import { createApiClient, unwrap } from '@plinth/api-client';
import { REFRESH_TOKEN_KEY, SessionStore } from './session-store';

/** The one API client of the SPA; same origin as the API, so paths are absolute from `/`. */
export const api = createApiClient({ accessToken: () => session.getAccessToken() });

export const session = new SessionStore(window.localStorage, (refreshToken) =>
  unwrap(api.POST('/api/v1/auth/refresh', { body: { refreshToken } })),
);

window.addEventListener('storage', (event) => {
  if (event.key === null || event.key === REFRESH_TOKEN_KEY) session.notifyStorageChanged();
});
