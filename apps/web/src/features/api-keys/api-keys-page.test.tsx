import { describe, expect, it } from '@jest/globals';
import type { Schemas } from '@plinth/api-client';
import { screen, within } from '@testing-library/react';
import { ok, page, requestsTo, stubApi, type SentRequest } from '../../test/api';
import { createdApiKey, shellContext } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { ApiKeysPage } from './api-keys-page';

const LIST = 'GET /api/v1/api-keys';
const CREATE = 'POST /api/v1/api-keys';
const SECRET = 'plk_3f9a2c71d0b4_s3cr3t-part-shown-once';

/** The API's keys: none until the test creates one; the list never carries the secret. */
function stubKeys() {
  const keys: Schemas['ApiKeyDto'][] = [];
  stubApi({
    [LIST]: () => page(keys),
    [CREATE]: ({ body }: SentRequest) => {
      const created = { ...createdApiKey(body as Schemas['CreateApiKeyDto']), id: `7d3f2a10-0000-4000-8000-00000000010${keys.length}` };
      const { key: _secret, ...listed } = created;
      keys.unshift(listed);
      return ok(created, 201);
    },
  });
}

async function createKey(user: ReturnType<typeof renderWithProviders>['user'], name: string) {
  const form = screen.getByRole('form', { name: 'Create an API key' });
  await user.type(within(form).getByRole('textbox', { name: 'Name' }), name);
  await user.click(within(form).getByRole('button', { name: 'Create key' }));
}

describe('ApiKeysPage', () => {
  it('shows a new key once: revealed until it is dismissed, then nowhere on the page', async () => {
    stubKeys();
    const { user } = renderWithProviders(<ApiKeysPage />, { shell: shellContext() });
    const keysTable = () => screen.getByRole('table', { name: 'API keys' });

    await createKey(user, 'CI deploys');

    expect(await screen.findByTestId('revealed-api-key')).toHaveTextContent(SECRET);
    expect(screen.getByText('Copy the key “CI deploys” now')).toBeInTheDocument();
    expect(screen.getByText(/This is the only time Plinth shows it/)).toBeInTheDocument();
    // The list catches up, with the prefix only.
    expect(await screen.findByRole('table', { name: 'API keys' })).toBeInTheDocument();
    expect(within(keysTable()).getByText('CI deploys')).toBeInTheDocument();
    expect(within(keysTable()).getByTestId('api-key-prefix')).toHaveTextContent('plk_3f9a2c71d0b4…');
    expect(keysTable()).not.toHaveTextContent(SECRET);
    expect(requestsTo(LIST).length).toBeGreaterThanOrEqual(2);

    await user.click(screen.getByRole('button', { name: 'I have stored it' }));

    expect(screen.queryByTestId('revealed-api-key')).not.toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(SECRET);
    expect(within(keysTable()).getByText('CI deploys')).toBeInTheDocument();
  });

  it('copies the key itself to the clipboard, and says so', async () => {
    stubKeys();
    const { user } = renderWithProviders(<ApiKeysPage />, { shell: shellContext() });
    await createKey(user, 'CI deploys');
    await screen.findByTestId('revealed-api-key');
    const revealed = screen.getByRole('alert', { name: /Copy the key/ });

    await user.click(within(revealed).getByRole('button', { name: 'Copy the key' }));

    expect(await within(revealed).findByRole('button', { name: 'Copied' })).toBeInTheDocument();
    expect(await window.navigator.clipboard.readText()).toBe(SECRET);
  });

  it('a second key replaces the first in the reveal', async () => {
    stubKeys();
    const { user } = renderWithProviders(<ApiKeysPage />, { shell: shellContext() });

    await createKey(user, 'CI deploys');
    expect(await screen.findByText('Copy the key “CI deploys” now')).toBeInTheDocument();
    await createKey(user, 'Zapier');

    expect(await screen.findByText('Copy the key “Zapier” now')).toBeInTheDocument();
    expect(screen.queryByText('Copy the key “CI deploys” now')).not.toBeInTheDocument();
    expect(screen.getAllByTestId('revealed-api-key')).toHaveLength(1);
  });
});
