import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiConsumes } from '@nestjs/swagger';
import { DomainError } from '@plinth/tenancy';
import type { FastifyRequest } from 'fastify';

const TAKES_UPLOAD = 'plinth:takesUpload';

/** A route that reads a multipart upload (every other route reads JSON). */
export const TakesUpload = (): MethodDecorator => applyDecorators(SetMetadata(TAKES_UPLOAD, true), ApiConsumes('multipart/form-data'));

export class UnsupportedContentTypeError extends DomainError {
  constructor(contentType: string, expected: string) {
    super('UNSUPPORTED_MEDIA_TYPE', `This endpoint takes ${expected}, not ${contentType}`, { contentType, expected });
  }
}

/**
 * Multipart is parsed lazily, for any route: only an upload route may
 * receive it. (Bodies of other types are refused by the body parsers.)
 */
@Injectable()
export class ContentTypeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (request.isMultipart() && !this.reflector.get<boolean>(TAKES_UPLOAD, context.getHandler())) {
      throw new UnsupportedContentTypeError('multipart/form-data', 'application/json');
    }
    return true;
  }
}
