/** The API's password rule (see the signup operation in the OpenAPI spec), checked before sending. */
export const PASSWORD_RULE = '10 to 128 characters, with at least one letter and one digit';

export function checkPassword(password: string): string | null {
  const length = [...password].length;
  const valid = length >= 10 && length <= 128 && /\p{L}/u.test(password) && /\d/.test(password);
  return valid ? null : `Password must be ${PASSWORD_RULE}`;
}
