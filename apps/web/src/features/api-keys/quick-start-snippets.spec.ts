import { describe, expect, it } from '@jest/globals';
import { apiBaseUrl, shellQuote, snippet } from './quick-start-snippets';

const baseUrl = apiBaseUrl('https://plinth.example.com');
const KEY = 'plk_0123456789ab_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ-_';

describe('apiBaseUrl', () => {
  it('is the origin plus /api/v1', () => {
    expect(baseUrl).toBe('https://plinth.example.com/api/v1');
  });
});

describe('snippet', () => {
  it('curl: the key as the X-API-Key header, quoted for the shell', () => {
    expect(snippet('curl', { baseUrl, apiKey: KEY })).toBe(`curl 'https://plinth.example.com/api/v1/sites' \\\n  -H 'X-API-Key: ${KEY}'`);
  });

  it('curl: without a key, $PLINTH_API_KEY in double quotes, so the shell fills it in', () => {
    expect(snippet('curl', { baseUrl, apiKey: null })).toBe(
      `curl 'https://plinth.example.com/api/v1/sites' \\\n  -H "X-API-Key: $PLINTH_API_KEY"`,
    );
  });

  it('JavaScript: fetch with the key, or process.env.PLINTH_API_KEY', () => {
    expect(snippet('javascript', { baseUrl, apiKey: KEY })).toContain(`fetch('https://plinth.example.com/api/v1/sites', {`);
    expect(snippet('javascript', { baseUrl, apiKey: KEY })).toContain(`headers: { 'X-API-Key': '${KEY}' },`);
    expect(snippet('javascript', { baseUrl, apiKey: null })).toContain(`headers: { 'X-API-Key': process.env.PLINTH_API_KEY },`);
  });

  it('Python: requests with the key, or os.environ["PLINTH_API_KEY"] (and the import it needs)', () => {
    const withKey = snippet('python', { baseUrl, apiKey: KEY });
    expect(withKey).toContain(`headers={"X-API-Key": "${KEY}"},`);
    expect(withKey).not.toContain('import os');
    const withVariable = snippet('python', { baseUrl, apiKey: null });
    expect(withVariable.startsWith('import os\n\nimport requests\n')).toBe(true);
    expect(withVariable).toContain(`headers={"X-API-Key": os.environ["PLINTH_API_KEY"]},`);
  });
});

describe('shellQuote', () => {
  it("keeps a single quote inside as '\\''", () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });
});
