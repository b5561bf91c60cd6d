import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import type { Schemas } from '@plinth/api-client';
import { failure, ok, page, requestsTo, stubApi, type SentRequest } from '../../test/api';
import { expectFieldProblem } from '../../test/fields';
import { shellContext } from '../../test/fixtures';
import { adminOrganization } from '../../test/platform-fixtures';
import { renderWithProviders } from '../../test/render';
import { OrganizationsPage } from './organizations-page';

const LIST = 'GET /api/v1/admin/organizations';
const GLOBEX = adminOrganization();
const INITECH = adminOrganization({
  id: '7d3f2a10-0000-4000-8000-000000000c02',
  name: 'Initech',
  slug: 'initech',
  planTier: 'enterprise',
  overrides: { sites: 50, api_calls: null },
});
const OVERRIDE = `PUT /api/v1/admin/organizations/${GLOBEX.id}/quota-overrides`;

/** The API's organizations, searched as the API does (name or slug), with the overrides the test sets applied. */
function stubOrganizations(organizations: Array<Schemas['AdminOrganizationDto']> = [GLOBEX, INITECH]) {
  stubApi({
    [LIST]: ({ query }: SentRequest) => {
      const search = query.get('query')?.toLowerCase() ?? '';
      return page(organizations.filter((o) => o.name.toLowerCase().includes(search) || o.slug.includes(search)));
    },
  });
  for (const dimension of ['sites', 'posts', 'users', 'storage_bytes', 'api_calls']) {
    stubApi({
      [`${OVERRIDE}/${dimension}`]: ({ body }: SentRequest) => {
        const { limit } = body as { limit: number | null };
        organizations[0] = { ...organizations[0], overrides: { ...organizations[0].overrides, [dimension]: limit } };
        return ok({ organizationId: GLOBEX.id, dimension, limit });
      },
    });
  }
}

function renderPage() {
  return renderWithProviders(<OrganizationsPage />, { shell: shellContext() });
}

const rowOf = async (name: string) =>
  (await screen.findAllByTestId('admin-organization')).find((row) => within(row).queryByText(name)) as HTMLElement;

describe('OrganizationsPage', () => {
  it('lists every organization with its plan, usage and custom limits', async () => {
    stubOrganizations();
    renderPage();
    const table = await screen.findByRole('table', { name: 'Organizations' });
    const [globex, initech] = within(table).getAllByTestId('admin-organization');
    expect(within(globex).getByTestId('organization-plan')).toHaveTextContent('pro');
    expect(within(globex).getByTestId('organization-usage')).toHaveTextContent('4 sites · 7 users · 3 GB · 12,500 API calls');
    expect(globex).toHaveTextContent('Plan limits');
    expect(within(initech).getByTestId('organization-overrides')).toHaveTextContent('Sites: 50API calls per period: Unlimited');
  });

  it('searches by name or slug as the person types', async () => {
    stubOrganizations();
    const { user } = renderPage();
    await screen.findByRole('table', { name: 'Organizations' });
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'init');
    await waitFor(() => expect(screen.getAllByTestId('admin-organization')).toHaveLength(1));
    expect(screen.getByTestId('admin-organization')).toHaveTextContent('Initech');
    expect(requestsTo(LIST).at(-1)?.query.get('query')).toBe('init');

    await user.clear(screen.getByRole('searchbox', { name: 'Search' }));
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'nobody');
    expect(await screen.findByText('No organization matches “nobody”.')).toBeInTheDocument();
  });

  it('sets a custom limit from the dialog, and the table shows it', async () => {
    stubOrganizations();
    const { user } = renderPage();
    await user.click(within(await rowOf('Globex')).getByRole('button', { name: 'Set a custom limit for Globex' }));
    const dialog = await screen.findByRole('dialog', { name: 'Custom limit for “Globex”' });
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Limit' }), 'Users');
    await user.type(within(dialog).getByRole('textbox', { name: 'Custom limit' }), '25');
    await user.click(within(dialog).getByRole('button', { name: 'Set limit' }));

    expect(await screen.findByText('Limit set')).toBeInTheDocument();
    expect(requestsTo(`${OVERRIDE}/users`).map((request) => request.body)).toEqual([{ limit: 25 }]);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(await within(await rowOf('Globex')).findByTestId('organization-overrides')).toHaveTextContent('Users: 25');
  });

  it('sends null for unlimited', async () => {
    stubOrganizations();
    const { user } = renderPage();
    await user.click(within(await rowOf('Globex')).getByRole('button', { name: 'Set a custom limit for Globex' }));
    const dialog = await screen.findByRole('dialog');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Limit' }), 'API calls per period');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Unlimited' }));
    expect(within(dialog).getByRole('textbox', { name: 'Custom limit' })).toBeDisabled();
    await user.click(within(dialog).getByRole('button', { name: 'Set limit' }));
    await screen.findByText('Limit set');
    expect(requestsTo(`${OVERRIDE}/api_calls`).map((request) => request.body)).toEqual([{ limit: null }]);
  });

  it('asks for a number before sending, and shows what the API refused', async () => {
    stubOrganizations();
    stubApi({ [`${OVERRIDE}/sites`]: failure(404, 'NOT_FOUND', 'Organization not found') });
    const { user } = renderPage();
    await user.click(within(await rowOf('Globex')).getByRole('button', { name: 'Set a custom limit for Globex' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Set limit' }));
    expectFieldProblem(within(dialog).getByRole('textbox', { name: 'Custom limit' }), 'Enter a whole number, 0 or more');
    expect(requestsTo(`${OVERRIDE}/sites`)).toHaveLength(0);

    await user.type(within(dialog).getByRole('textbox', { name: 'Custom limit' }), '3');
    await user.click(within(dialog).getByRole('button', { name: 'Set limit' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Organization not found');
  });
});
