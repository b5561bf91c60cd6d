import { describe, expect, it } from '@jest/globals';
import { checkDomain, checkSiteName, normalizeDomain } from './site-rules';

describe('checkSiteName', () => {
  it('asks for a name, and allows up to 100 characters after trimming', () => {
    expect(checkSiteName(' ')).toBe('Name the site');
    expect(checkSiteName(`  ${'x'.repeat(100)} `)).toBeNull();
    expect(checkSiteName('x'.repeat(101))).toBe('Use up to 100 characters');
  });
});

describe('checkDomain', () => {
  it('allows no domain at all', () => {
    expect(checkDomain('')).toBeNull();
    expect(checkDomain('   ')).toBeNull();
  });

  it.each(['blog.example.com', 'Blog.Example.COM', ' a-b.example.co.uk ', 'x1.io'])('accepts the hostname %p', (domain) => {
    expect(checkDomain(domain)).toBeNull();
  });

  it.each(['localhost', 'https://blog.example.com', 'blog.example.com/path', '-blog.example.com', 'blog..example.com', 'blog.example.123'])(
    'refuses %p',
    (domain) => {
      expect(checkDomain(domain)).toBe('Enter a hostname such as blog.example.com');
    },
  );

  it('refuses a hostname longer than 253 characters', () => {
    const long = `${Array.from({ length: 4 }, () => 'a'.repeat(63)).join('.')}.com`;
    expect(long.length).toBeGreaterThan(253);
    expect(checkDomain(long)).toBe('Enter a hostname such as blog.example.com');
  });
});

describe('normalizeDomain', () => {
  it('trims and lower-cases, as the API stores hostnames', () => {
    expect(normalizeDomain('  Blog.Example.COM ')).toBe('blog.example.com');
  });
});
