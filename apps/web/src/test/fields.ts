import { expect } from '@jest/globals';

/**
 * A field shows this problem as a person meets it: marked invalid for
 * assistive technology, the message read out with the field. (aria-invalid
 * itself, not toBeInvalid(): an empty required input is invalid to the
 * browser whether or not the form said anything.)
 */
export function expectFieldProblem(field: HTMLElement, message: string): void {
  expect(field).toHaveAttribute('aria-invalid', 'true');
  expect(field).toHaveAccessibleDescription(expect.stringContaining(message));
}

/** A field the form has nothing to say about. */
export function expectNoFieldProblem(field: HTMLElement): void {
  expect(field).not.toHaveAttribute('aria-invalid', 'true');
}
