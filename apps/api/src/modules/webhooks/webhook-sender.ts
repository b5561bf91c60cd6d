import { Injectable } from '@nestjs/common';
import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { AppConfig } from '../../config/app-config';
import { addressRefusal, literalAddress } from './address-policy';

/** The longest one attempt may take, name resolution, connection and the response's first bytes included. */
export const DELIVERY_TIMEOUT_MS = 10_000;
const EXCERPT_BYTES = 1_000;
const TEXT_MAX = 1_000;
const USER_AGENT = 'Plinth-Webhooks/1.0';

export interface OutgoingWebhook {
  url: string;
  body: string;
  headers: Record<string, string>;
}

export interface AttemptResult {
  ok: boolean;
  statusCode: number | null;
  durationMs: number;
  responseExcerpt: string | null;
  error: string | null;
}

export interface SendOptions {
  allowPrivate: boolean;
  timeoutMs?: number;
}

interface Target {
  address: string;
  family: number;
}

class Refused extends Error {}

/**
 * POSTs one signed webhook. The host is resolved here, at send time, and
 * every address it resolves to is checked (see address-policy); the
 * connection goes to a checked address, so a name cannot change its answer
 * between the check and the connection. Redirects are not followed. Whatever
 * happens ends within the timeout, and is reported, never thrown.
 */
export async function sendWebhook(webhook: OutgoingWebhook, options: SendOptions): Promise<AttemptResult> {
  const timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const started = performance.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const url = new URL(webhook.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Refused(`${url.protocol} URLs are not allowed`);
    const targets = await beforeDeadline(resolveTargets(url.hostname, options.allowPrivate), controller.signal);
    const response = await post(url, targets, webhook, controller.signal);
    return { ...response, durationMs: elapsed() };
  } catch (error) {
    const message = controller.signal.aborted ? `Timed out after ${timeoutMs / 1000} s` : errorMessage(error);
    return { ok: false, statusCode: null, durationMs: elapsed(), responseExcerpt: null, error: storable(message) };
  } finally {
    clearTimeout(timer);
  }
}

/** Every address the host names, each checked; any refused address refuses the host. */
async function resolveTargets(hostname: string, allowPrivate: boolean): Promise<Target[]> {
  const literal = literalAddress(hostname);
  const addresses = literal
    ? [{ address: literal, family: isIP(literal) }]
    : await dnsLookup(hostname, { all: true, verbatim: true }).catch((error: NodeJS.ErrnoException) => {
        throw new Refused(`Could not resolve ${hostname} (${error.code ?? error.message})`);
      });
  if (addresses.length === 0) throw new Refused(`${hostname} resolves to no address`);
  for (const { address } of addresses) {
    const refusal = addressRefusal(address, allowPrivate);
    if (refusal) throw new Refused(literal ? `Refused: ${refusal}` : `Refused: ${hostname} resolves to ${address}; ${refusal}`);
  }
  return addresses;
}

function post(url: URL, targets: Target[], webhook: OutgoingWebhook, signal: AbortSignal): Promise<Omit<AttemptResult, 'durationMs'>> {
  // The connection may only reach the addresses just checked.
  const lookup: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, targets);
    else callback(null, targets[0].address, targets[0].family);
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(url, {
      method: 'POST',
      agent: false,
      lookup,
      signal,
      headers: {
        ...webhook.headers,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(webhook.body)),
        'user-agent': USER_AGENT,
      },
    });
    request.on('error', reject);
    request.on('response', (response) => readExcerpt(response).then(resolve, reject));
    request.end(webhook.body);
  });
}

/** The status and the first bytes of the answer; the rest is not waited for. */
function readExcerpt(response: IncomingMessage): Promise<Omit<AttemptResult, 'durationMs'>> {
  const status = response.statusCode ?? 0;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const done = () => {
      if (settled) return;
      settled = true;
      response.destroy();
      const text = Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8');
      const location = response.headers.location;
      const redirect = status >= 300 && status < 400 ? `Redirects are not followed${location ? ` (Location: ${location})` : ''}` : null;
      resolve({
        ok: status >= 200 && status < 300,
        statusCode: status,
        responseExcerpt: text ? storable(text) : null,
        error: redirect && storable(redirect),
      });
    };
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      reject(error);
    };
    response.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= EXCERPT_BYTES) done();
    });
    response.on('end', done);
    response.on('error', fail);
    response.on('close', () => fail(new Error('The connection closed before the response ended')));
  });
}

function beforeDeadline<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
    work.then(resolve, reject);
  });
}

function errorMessage(error: unknown): string {
  if (error instanceof Refused) return error.message;
  if (error instanceof TypeError && /Invalid URL/.test(error.message)) return 'Invalid URL';
  const { code, message } = error as NodeJS.ErrnoException;
  return code && !message.includes(code) ? `${code}: ${message}` : (message ?? String(error));
}

/** Text PostgreSQL stores: no NUL bytes, at most TEXT_MAX characters. */
function storable(text: string): string {
  const clean = text.replaceAll('\u0000', '');
  return clean.length > TEXT_MAX ? `${clean.slice(0, TEXT_MAX - 1)}…` : clean;
}

/** The sender with the deployment's address policy. */
@Injectable()
export class WebhookSender {
  constructor(private readonly config: AppConfig) {}

  send(webhook: OutgoingWebhook): Promise<AttemptResult> {
    return sendWebhook(webhook, { allowPrivate: this.config.WEBHOOKS_ALLOW_PRIVATE });
  }
}
