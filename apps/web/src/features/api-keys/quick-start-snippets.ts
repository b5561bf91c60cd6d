/** Where a snippet reads the key from when it does not carry one: the shell variable, or its environment twin. */
export const KEY_VARIABLE = 'PLINTH_API_KEY';
export const KEY_PLACEHOLDER = `$${KEY_VARIABLE}`;

/** The header API keys authenticate with (API.md; `Authorization: Bearer plk_…` works too). */
export const KEY_HEADER = 'X-API-Key';

/** A call every key may make, whatever its role: listing the sites needs only `sites:read`. */
export const EXAMPLE_PATH = '/sites';

export type SnippetLanguage = 'curl' | 'javascript' | 'python';

export interface SnippetInput {
  /** The API base URL, e.g. https://plinth.example.com/api/v1 */
  baseUrl: string;
  /** The key just created, shown once; null: read it from PLINTH_API_KEY. */
  apiKey: string | null;
}

/** This deployment's API, as a program outside the browser reaches it. */
export function apiBaseUrl(origin: string = window.location.origin): string {
  return `${origin}/api/v1`;
}

export function snippet(language: SnippetLanguage, input: SnippetInput): string {
  return SNIPPETS[language](input);
}

const SNIPPETS: Record<SnippetLanguage, (input: SnippetInput) => string> = {
  curl: ({ baseUrl, apiKey }) => {
    // The placeholder in double quotes, so the shell puts the variable's value in.
    const header = apiKey ? shellQuote(`${KEY_HEADER}: ${apiKey}`) : `"${KEY_HEADER}: ${KEY_PLACEHOLDER}"`;
    return `curl ${shellQuote(`${baseUrl}${EXAMPLE_PATH}`)} \\\n  -H ${header}`;
  },
  javascript: ({ baseUrl, apiKey }) =>
    [
      `const response = await fetch(${jsString(`${baseUrl}${EXAMPLE_PATH}`)}, {`,
      `  headers: { ${jsString(KEY_HEADER)}: ${apiKey ? jsString(apiKey) : `process.env.${KEY_VARIABLE}`} },`,
      `});`,
      'if (!response.ok) throw new Error(`Plinth answered ${response.status}`);',
      `const { data: sites } = await response.json();`,
      `console.log(sites);`,
    ].join('\n'),
  python: ({ baseUrl, apiKey }) =>
    [
      ...(apiKey ? [] : ['import os', '']),
      'import requests',
      '',
      'response = requests.get(',
      `    ${pyString(`${baseUrl}${EXAMPLE_PATH}`)},`,
      `    headers={${pyString(KEY_HEADER)}: ${apiKey ? pyString(apiKey) : `os.environ[${pyString(KEY_VARIABLE)}]`}},`,
      '    timeout=10,',
      ')',
      'response.raise_for_status()',
      'print(response.json()["data"])',
    ].join('\n'),
};

/** One POSIX shell word, quoted: single quotes, each inner one as '\''. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function jsString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** JSON's string syntax is valid Python for these values (printable ASCII). */
function pyString(value: string): string {
  return JSON.stringify(value);
}
