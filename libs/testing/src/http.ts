import type { Response } from 'supertest';
import type { TestApp } from './app-harness';

export const V1 = '/api/v1';
export type Headers = Record<string, string>;

export interface Call {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  headers?: Headers;
  body?: object;
}

/** Sends one request; `path` is below /api/v1. */
export function send(t: TestApp, call: Call) {
  const request = t.http[call.method](`${V1}${call.path}`).set(call.headers ?? {});
  return call.body === undefined ? request : request.send(call.body);
}

/** Fails with the response body in the message, which says far more than "expected 201, got 409". */
export function expectStatus(response: Response, status: number): Response {
  if (response.status !== status) {
    const { method, url } = response.request;
    throw new Error(`${method} ${url}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response;
}
