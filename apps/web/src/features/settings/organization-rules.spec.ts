import { describe, expect, it } from '@jest/globals';
import { checkLogoUrl, checkOrganizationName, checkSlug } from './organization-rules';

describe('organization settings rules', () => {
  it.each(['abc', 'analytical-engines', 'a1-b2', 'x'.repeat(48)])('accepts the slug %s', (slug) => {
    expect(checkSlug(slug)).toBeNull();
  });

  it.each(['ab', 'Analytical', '-abc', 'abc-', 'a_b_c', 'x'.repeat(49), '0f8fad5b-d9cb-469f-a165-70867728950e'])(
    'refuses the slug %s',
    (slug) => {
      expect(checkSlug(slug)).toBe('The slug must be 3 to 48 lower-case letters, digits and inner hyphens');
    },
  );

  it('needs a name of at most 100 characters', () => {
    expect(checkOrganizationName('  ')).toBe('Name your organization');
    expect(checkOrganizationName('x'.repeat(101))).toBe('At most 100 characters');
    expect(checkOrganizationName('Analytical Engines')).toBeNull();
  });

  it('takes an empty logo or an https address', () => {
    expect(checkLogoUrl('')).toBeNull();
    expect(checkLogoUrl('https://example.com/logo.png')).toBeNull();
    expect(checkLogoUrl('http://example.com/logo.png')).toBe('Use an https:// address');
    expect(checkLogoUrl('logo.png')).toBe('Enter a full address, starting with https://');
  });
});
