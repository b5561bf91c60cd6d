import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ClsService } from 'nestjs-cls';
import { Observable, tap } from 'rxjs';
import { QUOTA_WARNING_HEADER } from './quota-warnings';

/** Puts the crossing recorded during the request into `X-Quota-Warning`. */
@Injectable()
export class QuotaWarningInterceptor implements NestInterceptor {
  constructor(private readonly cls: ClsService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      tap(() => {
        const warning = this.cls.isActive() ? this.cls.get<string>(QUOTA_WARNING_HEADER) : undefined;
        if (warning) context.switchToHttp().getResponse<FastifyReply>().header('X-Quota-Warning', warning);
      }),
    );
  }
}
