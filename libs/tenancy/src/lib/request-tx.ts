import type { TenantTx } from './tenant-tx';

const REQUEST_TX = Symbol('plinth:requestTx');

/** The request's unit of work travels on the request object, where the interceptor and the error filter find it. */
export function attachRequestTx(request: object, tx: TenantTx): void {
  (request as { [REQUEST_TX]?: TenantTx })[REQUEST_TX] = tx;
}

export function requestTx(request: object): TenantTx | undefined {
  return (request as { [REQUEST_TX]?: TenantTx })[REQUEST_TX];
}
