import { describe, expect, it } from '@jest/globals';
import { screen } from '@testing-library/react';
import { failure, ok, requestsTo, stubApi } from '../../test/api';
import { loginResult } from '../../test/fixtures';
import { expectFieldProblem, expectNoFieldProblem } from '../../test/fields';
import { renderWithProviders } from '../../test/render';
import { LoginPage } from './login-page';

const LOGIN = 'POST /api/v1/auth/login';

const ACME = { id: '7d3f2a10-0000-4000-8000-00000000000a', slug: 'acme' };
const GLOBEX = { id: '7d3f2a10-0000-4000-8000-00000000000b', slug: 'globex' };

function renderLogin(url = '/login') {
  const view = renderWithProviders(<LoginPage />, {
    url,
    pages: {
      '/o/acme': <h1>Acme console</h1>,
      '/o/globex': <h1>Globex console</h1>,
      '/o/acme/billing': <h1>Acme billing</h1>,
    },
  });
  const email = screen.getByRole('textbox', { name: 'Email' });
  const password = screen.getByLabelText(/^Password/);
  const logIn = async (values: { email?: string; password?: string }) => {
    if (values.email) await view.user.type(email, values.email);
    if (values.password) await view.user.type(password, values.password);
    await view.user.click(screen.getByRole('button', { name: 'Log in' }));
  };
  return { ...view, email, password, logIn };
}

describe('LoginPage', () => {
  it('asks for a valid email and a password before sending', async () => {
    const { email, password, logIn } = renderLogin();

    await logIn({});
    expectFieldProblem(email, 'Enter a valid email address');
    expectFieldProblem(password, 'Enter your password');

    await logIn({ email: 'not-an-email' });
    expectFieldProblem(email, 'Enter a valid email address');
    expect(requestsTo(LOGIN)).toHaveLength(0);
  });

  it('logs in and opens the organization the new token acts for', async () => {
    stubApi({ [LOGIN]: ok(loginResult([ACME, GLOBEX], GLOBEX.id)) });
    const { logIn } = renderLogin();

    await logIn({ email: 'ada@example.com', password: ' secret with spaces ' });

    expect(await screen.findByRole('heading', { name: 'Globex console' })).toBeInTheDocument();
    // A password is sent exactly as typed, spaces and all.
    expect(requestsTo(LOGIN)[0].body).toEqual({ email: 'ada@example.com', password: ' secret with spaces ' });
    expect(window.localStorage.getItem('plinth.refreshToken')).toBe('refresh-token-from-login');
  });

  it('returns to the page that asked for the login', async () => {
    stubApi({ [LOGIN]: ok(loginResult([ACME, GLOBEX], GLOBEX.id)) });
    const { email, logIn } = renderLogin('/login?email=ada%40example.com&next=%2Fo%2Facme%2Fbilling');

    expect(email).toHaveValue('ada@example.com');
    await logIn({ password: 'correct-horse-9' });

    expect(await screen.findByRole('heading', { name: 'Acme billing' })).toBeInTheDocument();
  });

  it('shows wrong credentials (401) in the form alert and keeps what was typed', async () => {
    stubApi({ [LOGIN]: failure(401, 'UNAUTHENTICATED', 'Invalid email or password') });
    const { email, logIn } = renderLogin();

    await logIn({ email: 'ada@example.com', password: 'wrong-password-1' });

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('That did not work');
    expect(alert).toHaveTextContent('Invalid email or password');
    expectNoFieldProblem(email);
    expect(email).toHaveValue('ada@example.com');
    expect(window.localStorage.getItem('plinth.refreshToken')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Log in to Plinth' })).toBeInTheDocument();
  });

  it('clears the alert when the next attempt succeeds', async () => {
    stubApi({ [LOGIN]: failure(429, 'RATE_LIMITED', 'Too many requests; retry in 60 s') });
    const { logIn, user } = renderLogin();

    await logIn({ email: 'ada@example.com', password: 'correct-horse-9' });
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many requests; retry in 60 s');

    stubApi({ [LOGIN]: ok(loginResult([ACME], ACME.id)) });
    await user.click(screen.getByRole('button', { name: 'Log in' }));

    expect(await screen.findByRole('heading', { name: 'Acme console' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('links to the password reset and to sign-up, carrying the invitation along', () => {
    renderLogin('/login?email=bo%40example.com&next=%2Finvite%2Ftok-1');

    expect(screen.getByRole('link', { name: 'Forgot your password?' })).toHaveAttribute('href', '/forgot-password');
    expect(screen.getByRole('link', { name: 'Create an account' })).toHaveAttribute(
      'href',
      '/signup?email=bo%40example.com&next=%2Finvite%2Ftok-1',
    );
  });
});
