import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiConsumes } from '@nestjs/swagger';
import { DomainError } from '@plinth/tenancy';
import type { FastifyRequest } from 'fastify';
import { NDJSON } from './body-parsers';

const TAKES_UPLOAD = 'plinth:takesUpload';
const TAKES_NDJSON = 'plinth:takesNdjson';

/** A route that reads a multipart upload (every other route reads JSON). */
export const TakesUpload = (): MethodDecorator => applyDecorators(SetMetadata(TAKES_UPLOAD, true), ApiConsumes('multipart/form-data'));

/** A route that reads its body as an NDJSON stream, and nothing else. */
export const TakesNdjson = (): MethodDecorator => applyDecorators(SetMetadata(TAKES_NDJSON, true), ApiConsumes(NDJSON));

export class UnsupportedContentTypeError extends DomainError {
  constructor(contentType: string, expected: string) {
    super('UNSUPPORTED_MEDIA_TYPE', `This endpoint takes ${expected}, not ${contentType}`, { contentType, expected });
  }
}

/**
 * Multipart is parsed lazily, for any route: only an upload route may
 * receive it. NDJSON is left unread by the parsers: only an NDJSON route may
 * receive it, and such a route takes nothing else. (Bodies of other types
 * are refused by the body parsers.)
 */
@Injectable()
export class ContentTypeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const sent = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const takesNdjson = this.reflector.get<boolean>(TAKES_NDJSON, context.getHandler()) ?? false;
    if (takesNdjson && sent !== NDJSON) throw new UnsupportedContentTypeError(sent || 'a body without a type', NDJSON);
    if (!takesNdjson && sent === NDJSON) throw new UnsupportedContentTypeError(NDJSON, 'application/json');
    if (request.isMultipart() && !this.reflector.get<boolean>(TAKES_UPLOAD, context.getHandler())) {
      throw new UnsupportedContentTypeError('multipart/form-data', 'application/json');
    }
    return true;
  }
}
