import { ApiError, type Schemas } from '@plinth/api-client';
import { withCrossTabLock } from './cross-tab-lock';
import { organizationIdOf } from './token-claims';

export const REFRESH_TOKEN_KEY = 'plinth.refreshToken';

type TokenPair = Schemas['TokenPairDto'];
type Rotate = (refreshToken: string) => Promise<TokenPair>;

/**
 * The signed-in session: the access token lives in memory only, the
 * refresh token in localStorage so a reload can restore the session.
 */
export class SessionStore {
  private accessToken: string | null = null;
  private inFlightRefresh: Promise<boolean> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly storage: Storage,
    private readonly rotate: Rotate,
  ) {}

  getAccessToken(): string | null {
    return this.accessToken;
  }

  getRefreshToken(): string | null {
    return this.storage.getItem(REFRESH_TOKEN_KEY);
  }

  isSignedIn(): boolean {
    return this.getRefreshToken() !== null;
  }

  /** The organization the current access token acts for. */
  activeOrganizationId(): string | null {
    return organizationIdOf(this.accessToken);
  }

  start(pair: TokenPair): void {
    this.accessToken = pair.accessToken;
    this.storage.setItem(REFRESH_TOKEN_KEY, pair.refreshToken);
    this.emit();
  }

  clear(): void {
    if (this.accessToken === null && !this.isSignedIn()) return;
    this.accessToken = null;
    this.storage.removeItem(REFRESH_TOKEN_KEY);
    this.emit();
  }

  /**
   * Trades the refresh token for a new pair. Concurrent callers share one
   * request: refresh tokens are single-use, and a reused one revokes the family.
   * Resolves false (and signs out) when the session is gone.
   */
  refresh(): Promise<boolean> {
    this.inFlightRefresh ??= withCrossTabLock(REFRESH_TOKEN_KEY, () => this.rotateStoredToken()).finally(() => {
      this.inFlightRefresh = null;
    });
    return this.inFlightRefresh;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Another tab signed in or out: the stored refresh token changed under us. */
  notifyStorageChanged(): void {
    this.emit();
  }

  private async rotateStoredToken(): Promise<boolean> {
    // Read inside the lock: another tab may have rotated it a moment ago.
    const refreshToken = this.getRefreshToken();
    if (!refreshToken) {
      this.clear();
      return false;
    }
    try {
      this.start(await this.rotate(refreshToken));
      return true;
    } catch (error) {
      // A refused token ends the session; a network or server failure keeps it for the next try.
      if (!(error instanceof ApiError) || error.status >= 500) throw error;
      this.clear();
      return false;
    }
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
