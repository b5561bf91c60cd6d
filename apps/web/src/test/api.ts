/**
 * The API as component tests see it: the network is stubbed at `fetch`,
 * so everything above it (openapi-fetch, `unwrap`, `callWithSession`,
 * TanStack Query, the forms) runs as in the browser. Each test names the
 * calls it expects and the contract's envelope it answers with; a call
 * nobody answered fails the test (see setup.ts).
 */

/** An answer: the HTTP status and the JSON body. */
export interface ApiReply {
  status: number;
  body: unknown;
}

/** A call the SPA sent, with its JSON body parsed. */
export interface SentRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
}

type Route = ApiReply | ((request: SentRequest) => ApiReply | Promise<ApiReply>);

let routes: Record<string, Route> = {};
const sent: SentRequest[] = [];
const unanswered: string[] = [];

/** `{ success: true, data }`, as the API answers a success. */
export function ok(data: unknown, status = 200): ApiReply {
  return { status, body: { success: true, data } };
}

/** A page of a cursor-paginated list: the items, and the cursor of the next page (null on the last). */
export function page(items: unknown[], nextCursor: string | null = null): ApiReply {
  return { status: 200, body: { success: true, data: items, pagination: { nextCursor, limit: 20 } } };
}

/** `{ success: false, error }`, as the API's exception filter answers a failure. */
export function failure(status: number, code: string, message: string, details?: unknown): ApiReply {
  return { status, body: { success: false, error: { code, message, ...(details === undefined ? {} : { details }) } } };
}

/**
 * Answers this test's calls, keyed "METHOD /path" (no query string), e.g.
 * `'POST /api/v1/sites': failure(402, 'QUOTA_EXCEEDED', …)`. A function
 * answers from the request, e.g. to echo the body back.
 */
export function stubApi(answers: Record<string, Route>): void {
  routes = { ...routes, ...answers };
}

/** The calls sent to one route, oldest first. */
export function requestsTo(route: string): SentRequest[] {
  return sent.filter((request) => `${request.method} ${request.path}` === route);
}

/** The `fetch` the API client is created with. */
export async function stubbedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  const url = new URL(request.url);
  const call: SentRequest = {
    method: request.method,
    path: url.pathname,
    query: url.searchParams,
    headers: request.headers,
    body: undefined,
  };
  // Looked up and recorded before the first await: a call belongs to the test that made it.
  const route = routes[`${call.method} ${call.path}`];
  sent.push(call);
  if (!route) unanswered.push(`${call.method} ${call.path}`);
  const text = await request.text();
  call.body = text === '' ? undefined : JSON.parse(text);
  if (!route) return toResponse(failure(501, 'NOT_STUBBED', `No test answer for ${call.method} ${call.path}`));
  return toResponse(typeof route === 'function' ? await route(call) : route);
}

/** Forgets this test's answers and calls; throws when the SPA made a call no answer was given for. */
export function resetApi(): void {
  const missed = [...unanswered];
  routes = {};
  sent.length = 0;
  unanswered.length = 0;
  if (missed.length > 0) throw new Error(`The SPA called the API without a stubbed answer: ${missed.join(', ')}`);
}

function toResponse({ status, body }: ApiReply): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}
