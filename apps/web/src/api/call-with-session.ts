import { ApiError } from '@plinth/api-client';
import { session } from './client';

/**
 * Runs an authenticated API call. Without an access token (after a reload)
 * it restores one first; on a 401 it refreshes once and retries once.
 * When the session cannot be refreshed it is cleared, which sends the
 * app shell to /login.
 */
export async function callWithSession<T>(call: () => Promise<T>): Promise<T> {
  if (!session.getAccessToken() && !(await session.refresh())) throw signedOut();
  const tokenUsed = session.getAccessToken();
  try {
    return await call();
  } catch (error) {
    if (!isUnauthenticated(error)) throw error;
    // Another call may already have refreshed while this one was in flight.
    const alreadyRefreshed = session.getAccessToken() !== tokenUsed;
    if (!alreadyRefreshed && !(await session.refresh())) throw error;
    return call();
  }
}

function isUnauthenticated(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

function signedOut(): ApiError {
  return new ApiError(401, 'UNAUTHENTICATED', 'You are signed out');
}
