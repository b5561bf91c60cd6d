import { CallHandler, ExecutionContext, Injectable, NestInterceptor, StreamableFile } from '@nestjs/common';
import { map, Observable } from 'rxjs';

export class Page<T> {
  constructor(
    readonly items: T[],
    readonly nextCursor: string | null,
    readonly limit: number,
  ) {}
}

/** Wraps every handler's result in the contract's success envelope (streams excepted). */
@Injectable()
export class EnvelopeInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((result: unknown) => {
        // Streams (exports) are their own format.
        if (result instanceof StreamableFile) return result;
        if (result instanceof Page) {
          return {
            success: true,
            data: result.items,
            pagination: { nextCursor: result.nextCursor, limit: result.limit },
          };
        }
        return { success: true, data: result ?? null };
      }),
    );
  }
}
