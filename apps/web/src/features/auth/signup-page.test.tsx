import { describe, expect, it } from '@jest/globals';
import type { Schemas } from '@plinth/api-client';
import { screen } from '@testing-library/react';
import { failure, ok, requestsTo, stubApi } from '../../test/api';
import { accessTokenFor, organization, USER } from '../../test/fixtures';
import { expectFieldProblem, expectNoFieldProblem } from '../../test/fields';
import { renderWithProviders } from '../../test/render';
import { SignupPage } from './signup-page';

const SIGNUP = 'POST /api/v1/auth/signup';

const signedUp: Schemas['SignupResultDto'] = {
  accessToken: accessTokenFor(organization().id),
  refreshToken: 'refresh-token-from-signup',
  user: USER,
  organization: organization({ slug: 'acme-corp', name: 'Acme Corp' }),
};

function renderSignup(url = '/signup') {
  const view = renderWithProviders(<SignupPage />, {
    url,
    pages: { '/o/acme-corp': <h1>Acme Corp console</h1>, '/o/acme-corp/billing': <h1>Acme Corp billing</h1> },
  });
  const fields = {
    email: screen.getByRole('textbox', { name: 'Email' }),
    password: screen.getByLabelText(/^Password/),
    name: screen.getByRole('textbox', { name: 'Your name' }),
    organizationName: screen.getByRole('textbox', { name: 'Organization name' }),
  };
  const fillIn = async (values: Partial<Record<keyof typeof fields, string>>) => {
    for (const [field, value] of Object.entries(values)) await view.user.type(fields[field as keyof typeof fields], value);
  };
  const submit = () => view.user.click(screen.getByRole('button', { name: 'Sign up' }));
  return { ...view, fields, fillIn, submit };
}

describe('SignupPage', () => {
  it('checks every field before sending, and sends nothing while one is wrong', async () => {
    const { fields, fillIn, submit } = renderSignup();

    await submit();

    expectFieldProblem(fields.email, 'Enter a valid email address');
    expectFieldProblem(fields.password, 'Password must be 10 to 128 characters, with at least one letter and one digit');
    expectFieldProblem(fields.name, 'Enter your name');
    expectNoFieldProblem(fields.organizationName);

    await fillIn({ email: 'ada@example', password: 'onlyletters', name: '   ' });
    await submit();

    expectFieldProblem(fields.email, 'Enter a valid email address');
    expectFieldProblem(fields.password, 'Password must be');
    expectFieldProblem(fields.name, 'Enter your name');
    expect(requestsTo(SIGNUP)).toHaveLength(0);
  });

  it('says the password rule up front, beside the field', () => {
    const { fields } = renderSignup();
    expect(fields.password).toHaveAccessibleDescription('Use 10 to 128 characters, with at least one letter and one digit.');
  });

  it('sends the trimmed details and opens the new organization', async () => {
    stubApi({ [SIGNUP]: ok(signedUp, 201) });
    const { fillIn, submit } = renderSignup();

    await fillIn({ email: 'ada@example.com', password: 'correct-horse-9', name: ' Ada Lovelace ', organizationName: ' Acme Corp ' });
    await submit();

    expect(await screen.findByRole('heading', { name: 'Acme Corp console' })).toBeInTheDocument();
    expect(requestsTo(SIGNUP).map((request) => request.body)).toEqual([
      { email: 'ada@example.com', password: 'correct-horse-9', name: 'Ada Lovelace', organizationName: 'Acme Corp' },
    ]);
    // The session survives a reload: its refresh token is stored.
    expect(window.localStorage.getItem('plinth.refreshToken')).toBe('refresh-token-from-signup');
  });

  it('leaves the organization name out when none is given (the API names it after the person)', async () => {
    stubApi({ [SIGNUP]: ok(signedUp, 201) });
    const { fillIn, submit } = renderSignup();

    await fillIn({ email: 'ada@example.com', password: 'correct-horse-9', name: 'Ada', organizationName: '   ' });
    await submit();

    await screen.findByRole('heading', { name: 'Acme Corp console' });
    expect(requestsTo(SIGNUP)[0].body).toEqual({ email: 'ada@example.com', password: 'correct-horse-9', name: 'Ada' });
  });

  it('shows "email taken" (409) beside the email field, not as a general failure', async () => {
    stubApi({ [SIGNUP]: failure(409, 'CONFLICT', 'An account with this email already exists', { field: 'email' }) });
    const { fields, fillIn, submit } = renderSignup();

    await fillIn({ email: 'ada@example.com', password: 'correct-horse-9', name: 'Ada' });
    await submit();

    expect(await screen.findByText('An account with this email already exists')).toBeInTheDocument();
    expectFieldProblem(fields.email, 'An account with this email already exists');
    expectNoFieldProblem(fields.password);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Create your account' })).toBeInTheDocument();
  });

  it("puts the API's validation problems beside their fields", async () => {
    stubApi({
      [SIGNUP]: failure(400, 'VALIDATION_FAILED', 'Invalid request: password, name', [
        { field: 'password', problems: ['must not be a commonly used password'] },
        { field: 'name', problems: ['must not contain a URL', 'must be shorter'] },
      ]),
    });
    const { fields, fillIn, submit } = renderSignup();

    await fillIn({ email: 'ada@example.com', password: 'password123', name: 'ada.example.com' });
    await submit();

    expect(await screen.findByText('must not be a commonly used password')).toBeInTheDocument();
    expectFieldProblem(fields.password, 'must not be a commonly used password');
    expectFieldProblem(fields.name, 'must not contain a URL; must be shorter');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows a failure that belongs to no field in the form alert', async () => {
    stubApi({ [SIGNUP]: failure(429, 'RATE_LIMITED', 'Too many requests; retry in 30 s') });
    const { fields, fillIn, submit } = renderSignup();

    await fillIn({ email: 'ada@example.com', password: 'correct-horse-9', name: 'Ada' });
    await submit();

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('That did not work');
    expect(alert).toHaveTextContent('Too many requests; retry in 30 s');
    expectNoFieldProblem(fields.email);
  });

  it('says so when the API cannot be reached', async () => {
    stubApi({
      [SIGNUP]: () => {
        throw new TypeError('fetch failed');
      },
    });
    const { fillIn, submit } = renderSignup();

    await fillIn({ email: 'ada@example.com', password: 'correct-horse-9', name: 'Ada' });
    await submit();

    expect(await screen.findByRole('alert')).toHaveTextContent('Could not reach Plinth. Check your connection and try again.');
  });

  it('with an email and a page to return to: the address is filled in, and that page opens afterwards', async () => {
    stubApi({ [SIGNUP]: ok(signedUp, 201) });
    const { fields, fillIn, submit } = renderSignup('/signup?email=bo%40example.com&next=%2Fo%2Facme-corp%2Fbilling');

    expect(fields.email).toHaveValue('bo@example.com');
    expect(screen.getByRole('link', { name: 'Log in' })).toHaveAttribute(
      'href',
      '/login?email=bo%40example.com&next=%2Fo%2Facme-corp%2Fbilling',
    );

    await fillIn({ password: 'correct-horse-9', name: 'Bo' });
    await submit();

    expect(await screen.findByRole('heading', { name: 'Acme Corp billing' })).toBeInTheDocument();
    expect(requestsTo(SIGNUP)[0].body).toMatchObject({ email: 'bo@example.com' });
  });

  it('sends someone signing up for an invitation to the invitation, which joins instead of creating an organization', async () => {
    renderWithProviders(<SignupPage />, {
      url: '/signup?email=bo%40example.com&next=%2Finvites%2Ftok-1',
      pages: { '/invites/:token': <h1>Your invitation</h1> },
    });

    expect(await screen.findByRole('heading', { name: 'Your invitation' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Sign up' })).not.toBeInTheDocument();
  });

  it('ignores a `next` that leads off the site', async () => {
    stubApi({ [SIGNUP]: ok(signedUp, 201) });
    const { fillIn, submit } = renderSignup('/signup?next=%2F%2Fevil.example');

    await fillIn({ email: 'ada@example.com', password: 'correct-horse-9', name: 'Ada' });
    await submit();

    expect(await screen.findByRole('heading', { name: 'Acme Corp console' })).toBeInTheDocument();
  });
});
