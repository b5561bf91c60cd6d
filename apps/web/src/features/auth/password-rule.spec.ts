import { describe, expect, it } from '@jest/globals';
import { checkPassword } from './password-rule';

describe('checkPassword', () => {
  const refusal = 'Password must be 10 to 128 characters, with at least one letter and one digit';

  it.each(['correct-horse-9', 'abcdefghi1', 'пароль12345', `a1${'x'.repeat(126)}`])('accepts %p', (password) => {
    expect(checkPassword(password)).toBeNull();
  });

  it.each([
    ['too short', 'abcdefgh1'],
    ['too long', `a1${'x'.repeat(127)}`],
    ['no digit', 'abcdefghijk'],
    ['no letter', '1234567890'],
  ])('refuses a password with %s', (_why, password) => {
    expect(checkPassword(password)).toBe(refusal);
  });

  it('counts characters, not UTF-16 units: ten emoji and a letter and digit are long enough', () => {
    expect(checkPassword('a1🙂🙂🙂🙂🙂🙂🙂🙂')).toBeNull();
    expect(checkPassword('a1🙂🙂🙂🙂🙂🙂🙂')).toBe(refusal);
  });
});
