/**
 * Runs `task` while holding a lock shared by every tab of this origin.
 * Tabs share one refresh token, and presenting it twice revokes the whole
 * family, so rotations must not overlap across tabs either.
 */
export async function withCrossTabLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  // Web Locks exist only in secure contexts (https, localhost); elsewhere one tab is the best we can do.
  if (typeof navigator === 'undefined' || !navigator.locks) return task();
  return await navigator.locks.request(name, task);
}
