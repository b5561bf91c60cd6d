import { describe, expect, it } from '@jest/globals';
import { loginResult } from '../../test/fixtures';
import { authPagePath, destinationAfterLogin, safeNextPath } from './sign-in-destination';

describe('safeNextPath', () => {
  it.each(['/o/acme', '/invites/abc?x=1'])('follows the same-site path %p', (next) => {
    expect(safeNextPath(next)).toBe(next);
  });

  it.each([null, '', 'o/acme', 'https://evil.example', '//evil.example', '/\\evil.example'])('ignores %p', (next) => {
    expect(safeNextPath(next)).toBeNull();
  });
});

describe('destinationAfterLogin', () => {
  const result = (actingFor: string) =>
    loginResult(
      [
        { id: 'org-1', slug: 'acme' },
        { id: 'org-2', slug: 'globex' },
      ],
      actingFor,
    );

  it('goes back to the page that asked for the login', () => {
    expect(destinationAfterLogin(result('org-2'), '/o/acme/sites')).toBe('/o/acme/sites');
  });

  it("otherwise opens the token's organization", () => {
    expect(destinationAfterLogin(result('org-2'), null)).toBe('/o/globex');
    expect(destinationAfterLogin(result('org-2'), '//evil.example')).toBe('/o/globex');
  });

  it('falls back to the organization picker', () => {
    expect(destinationAfterLogin(result('org-9'), null)).toBe('/o');
  });
});

describe('authPagePath', () => {
  it('carries the email and a safe next page', () => {
    expect(authPagePath('signup', { email: 'ada@example.com', next: '/invites/t' })).toBe(
      '/signup?email=ada%40example.com&next=%2Finvites%2Ft',
    );
    expect(authPagePath('login', { next: 'https://evil.example' })).toBe('/login');
  });
});
