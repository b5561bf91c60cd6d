import { useSyncExternalStore } from 'react';
import { session } from './client';

/** True while a refresh token is stored: the session can be (re)established. */
export function useIsSignedIn(): boolean {
  return useSyncExternalStore(session.subscribe, () => session.isSignedIn());
}
