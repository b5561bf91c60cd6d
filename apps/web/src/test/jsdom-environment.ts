import { TestEnvironment } from 'jest-environment-jsdom';

/**
 * jsdom, plus what jsdom lacks and a browser has: the fetch API's classes
 * (the API client builds a Request for every call) and TextEncoder (React
 * Router). They are Node's own, taken from the realm this file runs in.
 * Requests resolve relative URLs against the page, as in a browser: the
 * client calls `/api/v1/...` on its own origin.
 */
export default class JsdomWithFetchEnvironment extends TestEnvironment {
  constructor(...args: ConstructorParameters<typeof TestEnvironment>) {
    super(...args);
    const page = this.global;
    class PageRequest extends Request {
      constructor(input: RequestInfo | URL, init?: RequestInit) {
        super(typeof input === 'string' ? new URL(input, page.location.href).href : input, init);
      }
    }
    Object.assign(page, { Request: PageRequest, Response, Headers, TextEncoder, TextDecoder });
  }
}
