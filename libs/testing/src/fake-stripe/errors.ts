/** An error as Stripe answers it: an HTTP status and `{ error: { type, code, param, message } }`. */
export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly code?: string,
    readonly param?: string,
  ) {
    super(message);
  }

  get body(): { error: Record<string, string> } {
    const error: Record<string, string> = { type: this.type, message: this.message };
    if (this.code) error.code = this.code;
    if (this.param) error.param = this.param;
    return { error };
  }

  static unknownParameter(param: string): StripeApiError {
    return new StripeApiError(400, 'invalid_request_error', `Received unknown parameter: ${param}`, 'parameter_unknown', param);
  }

  static missingParameter(param: string): StripeApiError {
    return new StripeApiError(400, 'invalid_request_error', `Missing required param: ${param}.`, 'parameter_missing', param);
  }

  static invalid(param: string, message: string, code?: string): StripeApiError {
    return new StripeApiError(400, 'invalid_request_error', message, code, param);
  }

  /** `No such price: 'price_x'`: 404 for the object in the URL, 400 for one a parameter names. */
  static noSuch(what: string, id: string, param: string, status: 400 | 404): StripeApiError {
    return new StripeApiError(status, 'invalid_request_error', `No such ${what}: '${id}'`, 'resource_missing', param);
  }
}
