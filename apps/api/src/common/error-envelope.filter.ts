import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { errorCodes, type FastifyReply, type FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { codeOfStatus, DomainError, ErrorCode, RateLimitedError, requestTx } from '@plinth/tenancy';
import { isDatabaseUnavailable } from '../database/database-unavailable';

/** Nest re-throws Fastify's body-parser errors as a plain HttpException that keeps only the message. */
const INVALID_JSON_MESSAGE = new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY().message;

export interface ErrorBody {
  success: false;
  error: { code: ErrorCode; message: string; details?: unknown };
}

/** Maps every failure to the contract's error envelope; a 500 says nothing but its request id. */
@Catch()
export class ErrorEnvelopeFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorEnvelope');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    // A guard that runs after the tenant guard (rate limits) failed: the unit of work it opened ends here.
    void requestTx(request)?.rollback();
    const { status, body } = this.toEnvelope(exception, request);
    if (exception instanceof RateLimitedError) reply.header('Retry-After', String(exception.retryAfterSeconds));
    reply.status(status).send(body);
  }

  private toEnvelope(exception: unknown, request: FastifyRequest): { status: number; body: ErrorBody } {
    if (exception instanceof DomainError) {
      return envelope(exception.status, exception.code, exception.message, exception.details);
    }
    const status = statusOf(exception);
    if (status !== undefined && status < 500) {
      return envelope(status, codeOfStatus(status) ?? 'VALIDATION_FAILED', clientMessageOf(exception, status));
    }
    if (status === 503 || isDatabaseUnavailable(exception)) {
      this.logger.warn({ err: exception, requestId: request.id }, 'Service unavailable');
      return envelope(503, 'SERVICE_UNAVAILABLE', 'The service is unavailable; try again shortly');
    }
    this.logger.error({ err: exception, requestId: request.id }, 'Unhandled error');
    return envelope(500, 'INTERNAL', `Internal error (request id ${request.id})`);
  }
}

/** For Fastify's own errors before routing (frameworkErrors), which never reach the filter. */
export function frameworkErrorEnvelope(error: Error & { statusCode?: number }, request: FastifyRequest): ErrorBody {
  const status = error.statusCode ?? 400;
  const code = status >= 500 ? 'INTERNAL' : (codeOfStatus(status) ?? 'VALIDATION_FAILED');
  return envelope(status, code, status >= 500 ? `Internal error (request id ${request.id})` : error.message).body;
}

/**
 * For requests Node's HTTP parser refuses before Fastify sees them (a head
 * past the size limit, a request that took too long, bytes that are not
 * HTTP): written on the socket, in the envelope, and the connection closed.
 */
export function writeClientErrorEnvelope(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'The request line and headers are too large']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'The request did not arrive in time']
        : [400, 'Malformed HTTP request'];
  const body = JSON.stringify(envelope(status, codeOfStatus(status) ?? 'VALIDATION_FAILED', message).body);
  if (socket.writable) {
    const head = `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close`;
    socket.write(`${head}\r\n\r\n${body}`);
  }
  socket.destroy(error);
}

function envelope(status: number, code: ErrorCode, message: string, details?: unknown) {
  const error = details === undefined ? { code, message } : { code, message, details };
  return { status, body: { success: false as const, error } };
}

/** Nest's HttpException or a Fastify error (malformed JSON, body too large) carrying statusCode. */
function statusOf(exception: unknown): number | undefined {
  if (exception instanceof HttpException) return exception.getStatus();
  const statusCode = (exception as { statusCode?: unknown })?.statusCode;
  return typeof statusCode === 'number' ? statusCode : undefined;
}

function clientMessageOf(exception: unknown, status: number): string {
  const code = (exception as { code?: string }).code;
  if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || exception instanceof SyntaxError) return 'Malformed JSON body';
  if (exception instanceof HttpException && exception.message === INVALID_JSON_MESSAGE) return 'Malformed JSON body';
  if (status === 404 && !(exception instanceof DomainError)) return 'Route not found';
  return exception instanceof Error ? exception.message : 'Request failed';
}
