import { describe, expect, it } from '@jest/globals';
import type { Schemas } from '@plinth/api-client';
import { screen, within } from '@testing-library/react';
import { failure, ok, requestsTo, stubApi } from '../../test/api';
import { accessTokenFor, organization, USER } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { InviteSignupForm } from './invite-signup-form';

const SIGNUP = 'POST /api/v1/auth/signup';

const invite: Schemas['InvitePreviewDto'] = {
  organizationName: 'Acme Corp',
  role: 'editor',
  invitedBy: 'Ada Lovelace',
  email: 'bo@example.com',
  expiresAt: '2025-03-09T10:00:00.000Z',
  status: 'pending',
};

const joined: Schemas['SignupResultDto'] = {
  accessToken: accessTokenFor(organization().id),
  refreshToken: 'refresh-token-from-invite-signup',
  user: { ...USER, email: invite.email, emailVerified: true },
  organization: organization({ slug: 'acme-corp', name: 'Acme Corp' }),
};

function renderForm() {
  const view = renderWithProviders(<InviteSignupForm token="tok-1" invite={invite} />, {
    url: '/invites/tok-1',
    pages: { '/o/acme-corp': <h1>Acme Corp console</h1> },
  });
  const form = screen.getByRole('form', { name: 'Create your account' });
  const fill = async () => {
    await view.user.type(within(form).getByRole('textbox', { name: 'Your name' }), ' Bo ');
    await view.user.type(within(form).getByLabelText(/^Password/), 'correct-horse-9');
  };
  const submit = () => view.user.click(within(form).getByRole('button', { name: 'Sign up and join Acme Corp' }));
  return { ...view, form, fill, submit };
}

describe('InviteSignupForm', () => {
  it('asks for no organization, and keeps the address to the invited one', () => {
    const { form } = renderForm();

    expect(within(form).queryByRole('textbox', { name: /Organization/ })).not.toBeInTheDocument();
    const email = within(form).getByRole('textbox', { name: 'Email' });
    expect(email).toHaveValue('bo@example.com');
    expect(email).toHaveAttribute('readonly');
  });

  it('signs up with the invitation, then opens the organization it joined', async () => {
    stubApi({ [SIGNUP]: ok(joined, 201) });
    const { fill, submit } = renderForm();

    await fill();
    await submit();

    expect(await screen.findByRole('heading', { name: 'Acme Corp console' })).toBeInTheDocument();
    expect(requestsTo(SIGNUP).map((request) => request.body)).toEqual([
      { email: 'bo@example.com', password: 'correct-horse-9', name: 'Bo', inviteToken: 'tok-1' },
    ]);
    expect(window.localStorage.getItem('plinth.refreshToken')).toBe('refresh-token-from-invite-signup');
  });

  it("shows the API's refusal (an invitation gone meanwhile) in the form", async () => {
    stubApi({ [SIGNUP]: failure(404, 'NOT_FOUND', 'Invite not found') });
    const { fill, submit } = renderForm();

    await fill();
    await submit();

    expect(await screen.findByRole('alert')).toHaveTextContent('Invite not found');
  });
});
