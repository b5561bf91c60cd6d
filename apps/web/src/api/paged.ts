import { unwrap, type Schemas } from '@plinth/api-client';

/** One page of a cursor-paginated list: the items, and the cursor of the next page (null on the last). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

type PagedResult<T> = {
  data?: { success: true; data: T[]; pagination: Schemas['PaginationMeta'] };
  error?: unknown;
  response: Response;
};

/** Like `unwrap`, but keeps the envelope's `pagination` beside the items. */
export async function unwrapPage<T>(call: Promise<PagedResult<T>>): Promise<Page<T>> {
  const result = await call;
  const items = await unwrap(Promise.resolve(result));
  return { items, nextCursor: result.data?.pagination.nextCursor ?? null };
}

/** `useInfiniteQuery`'s page parameter for the first page: no cursor. */
export const FIRST_PAGE: string | undefined = undefined;

/** `useInfiniteQuery`'s next page parameter; undefined ends the list. */
export function nextPageCursor(last: Page<unknown>): string | undefined {
  return last.nextCursor ?? undefined;
}

/** Every loaded page's items, in order. */
export function allItems<T>(pages: ReadonlyArray<Page<T>> | undefined): T[] {
  return pages?.flatMap((page) => page.items) ?? [];
}
