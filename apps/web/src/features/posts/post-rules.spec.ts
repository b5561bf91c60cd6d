import { describe, expect, it } from '@jest/globals';
import { checkBody, checkTitle, toPostBody } from './post-rules';

describe('checkTitle', () => {
  it('asks for a title when there is none, blanks included', () => {
    expect(checkTitle('')).toBe('Give the post a title');
    expect(checkTitle('   ')).toBe('Give the post a title');
  });

  it('allows 200 characters, not counting the spaces around them', () => {
    expect(checkTitle('x'.repeat(200))).toBeNull();
    expect(checkTitle(`  ${'x'.repeat(200)}  `)).toBeNull();
    expect(checkTitle('x'.repeat(201))).toBe('Use up to 200 characters');
  });
});

describe('checkBody', () => {
  it('allows an empty body and up to 100,000 characters', () => {
    expect(checkBody('')).toBeNull();
    expect(checkBody('x'.repeat(100_000))).toBeNull();
    expect(checkBody('x'.repeat(100_001))).toBe('Use up to 100,000 characters');
  });
});

describe('toPostBody', () => {
  it('trims the title and keeps the body as written (Markdown can start or end with spaces)', () => {
    expect(toPostBody({ title: '  Hello  ', body: '    indented code\n' })).toEqual({ title: 'Hello', body: '    indented code\n' });
  });
});
