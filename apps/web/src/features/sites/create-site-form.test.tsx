import { describe, expect, it } from '@jest/globals';
import type { Schemas } from '@plinth/api-client';
import { screen, waitFor, within } from '@testing-library/react';
import { queryKeys } from '../../api/query-keys';
import { failure, ok, requestsTo, stubApi, type SentRequest } from '../../test/api';
import { EVERY_PERMISSION, ORGANIZATION_ID, plan, quotaExceeded, shellContext, site } from '../../test/fixtures';
import { expectFieldProblem } from '../../test/fields';
import { renderWithProviders } from '../../test/render';
import { CreateSiteForm } from './create-site-form';

const CREATE = 'POST /api/v1/sites';
const PLANS = 'GET /api/v1/billing/plans';

const catalog = [
  plan('free'),
  plan('pro', { limits: { ...plan('pro').limits, sites: 10 }, features: { ...plan('pro').features, customDomains: true } }),
];

const created = ({ body }: SentRequest) => ok(site(body as Partial<Schemas['SiteDto']>), 201);

function renderForm({ planTier = 'free', permissions = EVERY_PERMISSION }: Partial<Schemas['MembershipDto']> = {}) {
  stubApi({ [PLANS]: ok(catalog) });
  const view = renderWithProviders(<CreateSiteForm />, { shell: shellContext({ planTier, permissions }) });
  const form = screen.getByRole('form', { name: 'Create a site' });
  const name = within(form).getByRole('textbox', { name: 'Site name' });
  const submit = () => view.user.click(within(form).getByRole('button', { name: 'Create site' }));
  return { ...view, form, name, submit };
}

describe('CreateSiteForm', () => {
  it('asks for a name before sending', async () => {
    const { name, submit } = renderForm();

    await submit();

    expectFieldProblem(name, 'Name the site');
    expect(requestsTo(CREATE)).toHaveLength(0);
  });

  it('creates the site for this organization, says so, and empties the form', async () => {
    stubApi({ [CREATE]: created });
    const { name, submit, user } = renderForm();

    await user.type(name, '  Company blog ');
    await submit();

    expect(await screen.findByText('“Company blog” is ready for posts.')).toBeInTheDocument();
    expect(screen.getByText('Site created')).toBeInTheDocument();
    const [request] = requestsTo(CREATE);
    expect(request.body).toEqual({ name: 'Company blog' });
    expect(request.headers.get('X-Organization-Id')).toBe(ORGANIZATION_ID);
    expect(request.headers.get('Authorization')).toBe('Bearer test-access-token');
    expect(name).toHaveValue('');
  });

  it('offers no domain field on a plan without custom domains', async () => {
    const { queryClient } = renderForm({ planTier: 'free' });

    // Not merely still loading: the catalog has arrived, and says no.
    await waitFor(() => expect(queryClient.getQueryState(queryKeys.plans)?.status).toBe('success'));
    expect(screen.getByText('A site holds its own posts and media.')).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Domain' })).not.toBeInTheDocument();
  });

  it('on a plan with custom domains: checks the hostname, and sends it in lower case', async () => {
    stubApi({ [CREATE]: created });
    const { name, submit, user } = renderForm({ planTier: 'pro' });
    const domain = await screen.findByRole('textbox', { name: 'Domain' });
    expect(screen.getByText('A site holds its own posts and media. Give it a custom domain now or later.')).toBeInTheDocument();

    await user.type(name, 'Docs');
    await user.type(domain, 'https://docs.example.com');
    await submit();
    expectFieldProblem(domain, 'Enter a hostname such as blog.example.com');
    expect(requestsTo(CREATE)).toHaveLength(0);

    await user.clear(domain);
    await user.type(domain, ' Docs.Example.COM ');
    await submit();

    expect(await screen.findByText('Site created')).toBeInTheDocument();
    expect(requestsTo(CREATE)[0].body).toEqual({ name: 'Docs', domain: 'docs.example.com' });
  });

  it('shows a domain already in use (409) beside the domain field', async () => {
    stubApi({ [CREATE]: failure(409, 'CONFLICT', 'Another site of this organization already uses this domain', { field: 'domain' }) });
    const { name, submit, user } = renderForm({ planTier: 'pro' });

    await user.type(name, 'Docs');
    await user.type(await screen.findByRole('textbox', { name: 'Domain' }), 'docs.example.com');
    await submit();

    expect(await screen.findByText('Another site of this organization already uses this domain')).toBeInTheDocument();
    expectFieldProblem(screen.getByRole('textbox', { name: 'Domain' }), 'Another site of this organization already uses this domain');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('at the plan limit (402 QUOTA_EXCEEDED): explains the limit and links to the billing page', async () => {
    stubApi({ [CREATE]: quotaExceeded('sites', 1, 1) });
    const { name, submit, user } = renderForm();

    await user.type(name, 'Second site');
    await submit();

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Your plan is full')).toBeInTheDocument();
    expect(alert).toHaveTextContent('The free plan allows 1 site, and you have 1. Upgrade your plan to add more.');
    expect(within(alert).getByRole('link', { name: 'Compare plans and upgrade' })).toHaveAttribute('href', '/o/acme/billing');
    // What was typed stays, for after the upgrade.
    expect(name).toHaveValue('Second site');
    expect(screen.queryByText('That did not work')).not.toBeInTheDocument();
  });

  it('at the plan limit, for someone who cannot change the plan: who to ask, and the public plans', async () => {
    stubApi({ [CREATE]: quotaExceeded('sites', 3, 3, 'starter') });
    const { name, submit, user } = renderForm({ planTier: 'starter', permissions: ['sites:create', 'sites:read'] });

    await user.type(name, 'Fourth site');
    await submit();

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The starter plan allows 3 sites, and you have 3. A bigger plan would allow more.');
    expect(alert).toHaveTextContent('Ask an owner to upgrade.');
    expect(within(alert).getByRole('link', { name: 'Compare plans' })).toHaveAttribute('href', '/pricing');
    expect(within(alert).queryByRole('link', { name: 'Compare plans and upgrade' })).not.toBeInTheDocument();
  });

  it('a domain outside the plan (402 PLAN_FEATURE_UNAVAILABLE): names the feature and the plan that has it', async () => {
    stubApi({
      [CREATE]: failure(402, 'PLAN_FEATURE_UNAVAILABLE', 'Custom domains are not in your plan; it starts with the pro plan', {
        feature: 'customDomains',
        requiredTier: 'pro',
        upgradeUrl: 'https://plinth.example/pricing',
      }),
    });
    // The catalog still offered domains when the form loaded; the plan changed since.
    const { name, submit, user } = renderForm({ planTier: 'pro' });

    await user.type(name, 'Docs');
    await user.type(await screen.findByRole('textbox', { name: 'Domain' }), 'docs.example.com');
    await submit();

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Not in your plan')).toBeInTheDocument();
    expect(alert).toHaveTextContent('Your plan does not include custom domains; the pro plan and above do.');
  });

  it('clears the upgrade alert when the next attempt succeeds', async () => {
    stubApi({ [CREATE]: quotaExceeded('sites', 1, 1) });
    const { name, submit, user } = renderForm();

    await user.type(name, 'Second site');
    await submit();
    expect(await screen.findByText('Your plan is full')).toBeInTheDocument();

    stubApi({ [CREATE]: created });
    await submit();

    expect(await screen.findByText('Site created')).toBeInTheDocument();
    expect(screen.queryByText('Your plan is full')).not.toBeInTheDocument();
  });
});
