import type { Response } from 'supertest';

/** The contract's error envelope, exactly. */
export function errorBody(code: string, message: string, details?: unknown) {
  return { success: false, error: details === undefined ? { code, message } : { code, message, details } };
}

/** Asserts a 400 VALIDATION_FAILED whose details name exactly `fields`, in order. */
export function expectValidationFailed(response: Response, fields: string[]): void {
  expect({ status: response.status, body: response.body }).toEqual({
    status: 400,
    body: errorBody(
      'VALIDATION_FAILED',
      `Invalid request: ${fields.join(', ')}`,
      fields.map((field) => ({ field, problems: expect.arrayContaining([expect.any(String)]) })),
    ),
  });
}
