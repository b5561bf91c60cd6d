import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { UnauthenticatedError } from '@plinth/tenancy';
import type { FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../../config/app-config';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * With METRICS_TOKEN set, the scraper must send `Authorization: Bearer <token>`.
 * Both sides are hashed first: equal lengths for timingSafeEqual, and a
 * comparison whose time says nothing about the token.
 */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  private readonly expected: Buffer | null;

  constructor(config: AppConfig) {
    this.expected = config.METRICS_TOKEN ? digest(config.METRICS_TOKEN) : null;
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.expected) return true;
    const header = context.switchToHttp().getRequest<FastifyRequest>().headers.authorization ?? '';
    const [scheme, token] = header.split(' ');
    if (scheme?.toLowerCase() === 'bearer' && token && timingSafeEqual(digest(token), this.expected)) return true;
    throw new UnauthenticatedError('The metrics token is missing or wrong');
  }
}
