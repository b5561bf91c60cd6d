import { describe, expect, it } from '@jest/globals';
import { screen } from '@testing-library/react';
import { failure, ok, stubApi } from '../../test/api';
import { membership, shellContext, USER } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { VerifyEmailPage } from './verify-email-page';

const VERIFY = 'POST /api/v1/auth/verify-email';
const USED = failure(400, 'VALIDATION_FAILED', 'The link is invalid, expired or already used', [
  { field: 'token', problems: ['invalid, expired or already used'] },
]);

describe('VerifyEmailPage', () => {
  it('confirms a fresh link', async () => {
    stubApi({ [VERIFY]: ok({ emailVerified: true }) });
    renderWithProviders(<VerifyEmailPage />, { url: '/verify-email?token=t1' });

    expect(await screen.findByText('Email address verified')).toBeInTheDocument();
  });

  it('answers a used link, opened while already verified, with success rather than an error', async () => {
    stubApi({ [VERIFY]: USED, 'GET /api/v1/auth/me': ok({ user: USER, memberships: [membership()] }) });
    renderWithProviders(<VerifyEmailPage />, { url: '/verify-email?token=t1', shell: shellContext() });

    expect(await screen.findByText('Your email address is already verified')).toBeInTheDocument();
    expect(screen.queryByText('We could not verify your email address')).not.toBeInTheDocument();
  });

  it('still says a used link failed for someone whose address is not verified', async () => {
    stubApi({
      [VERIFY]: USED,
      'GET /api/v1/auth/me': ok({ user: { ...USER, emailVerified: false }, memberships: [membership()] }),
    });
    renderWithProviders(<VerifyEmailPage />, { url: '/verify-email?token=t1', shell: shellContext() });

    expect(await screen.findByText('We could not verify your email address')).toBeInTheDocument();
    expect(screen.getByText('The link is invalid, expired or already used')).toBeInTheDocument();
  });

  it('cannot tell when signed out, and says the link failed', async () => {
    stubApi({ [VERIFY]: USED });
    renderWithProviders(<VerifyEmailPage />, { url: '/verify-email?token=t1' });

    expect(await screen.findByText('We could not verify your email address')).toBeInTheDocument();
  });
});
