import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { catchError, concatMap, from, Observable, throwError, mergeMap } from 'rxjs';
import { requestTx } from './request-tx';
import type { TenantTx } from './tenant-tx';

/**
 * Ends the request's unit of work: a write commits before the response (so a
 * failing commit — a quota trigger, say — is the answer); a read-only one
 * commits after it, since it has nothing to make durable. Any failure rolls back.
 */
@Injectable()
export class UnitOfWorkInterceptor implements NestInterceptor {
  private readonly logger = new Logger('UnitOfWork');

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const tx = requestTx(context.switchToHttp().getRequest());
    if (!tx) return next.handle();
    return next.handle().pipe(
      concatMap(async (result) => {
        await this.finish(tx);
        return result;
      }),
      catchError((error) => from(tx.abort(error)).pipe(mergeMap((failure) => throwError(() => failure)))),
    );
  }

  private async finish(tx: TenantTx): Promise<void> {
    if (!tx.isOpen) return;
    if (!tx.readOnly) return tx.commit();
    void tx.commit().catch((error) => this.logger.error({ err: error }, 'Read-only commit failed'));
  }
}
