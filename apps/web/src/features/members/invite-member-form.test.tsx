import { describe, expect, it } from '@jest/globals';
import type { Schemas } from '@plinth/api-client';
import { screen, within } from '@testing-library/react';
import { failure, ok, requestsTo, stubApi, type SentRequest } from '../../test/api';
import { ORGANIZATION_ID, quotaExceeded, shellContext } from '../../test/fixtures';
import { expectFieldProblem, expectNoFieldProblem } from '../../test/fields';
import { renderWithProviders } from '../../test/render';
import { InviteMemberForm } from './invite-member-form';

const INVITE = `POST /api/v1/organizations/${ORGANIZATION_ID}/invites`;

const invited = ({ body }: SentRequest) => {
  const { email, role } = body as Schemas['CreateInviteDto'];
  const invite: Schemas['InviteDto'] = {
    id: '7d3f2a10-0000-4000-8000-0000000000d1',
    email,
    role,
    status: 'pending',
    expiresAt: '2025-03-09T10:00:00.000Z',
    createdAt: '2025-03-02T10:00:00.000Z',
  };
  return ok(invite, 201);
};

function renderForm(permissions?: Schemas['MembershipDto']['permissions']) {
  const view = renderWithProviders(<InviteMemberForm />, { shell: shellContext(permissions ? { permissions } : {}) });
  const form = screen.getByRole('form', { name: 'Invite someone' });
  const email = within(form).getByRole('textbox', { name: 'Email' });
  const role = within(form).getByRole('combobox', { name: 'Role' });
  const send = () => view.user.click(within(form).getByRole('button', { name: 'Send invite' }));
  return { ...view, email, role, send };
}

describe('InviteMemberForm', () => {
  it('offers every role but owner (ownership moves only by transfer), viewer first chosen', () => {
    const { role } = renderForm();

    expect(
      within(role)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Admin', 'Editor', 'Publisher', 'Viewer']);
    expect(role).toHaveDisplayValue('Viewer');
  });

  it('asks for a valid address before sending', async () => {
    const { email, send, user } = renderForm();

    await user.type(email, 'bo@');
    await send();

    expectFieldProblem(email, 'Enter a valid email address');
    expect(requestsTo(INVITE)).toHaveLength(0);
  });

  it('invites the address with the chosen role, says so, and empties the form', async () => {
    stubApi({ [INVITE]: invited });
    const { email, role, send, user } = renderForm();

    await user.type(email, '  bo@example.com ');
    await user.selectOptions(role, 'Editor');
    await send();

    expect(await screen.findByText('We emailed bo@example.com a link to join.')).toBeInTheDocument();
    expect(screen.getByText('Invitation sent')).toBeInTheDocument();
    expect(requestsTo(INVITE).map((request) => request.body)).toEqual([{ email: 'bo@example.com', role: 'editor' }]);
    expect(email).toHaveValue('');
    expect(role).toHaveDisplayValue('Viewer');
  });

  it('shows "already invited" (409) beside the email field, and keeps the form as it was', async () => {
    stubApi({ [INVITE]: failure(409, 'CONFLICT', 'A pending invitation for this email exists; resend it instead', { field: 'email' }) });
    const { email, role, send, user } = renderForm();

    await user.type(email, 'bo@example.com');
    await user.selectOptions(role, 'Publisher');
    await send();

    expect(await screen.findByText('A pending invitation for this email exists; resend it instead')).toBeInTheDocument();
    expectFieldProblem(email, 'A pending invitation for this email exists; resend it instead');
    expect(email).toHaveValue('bo@example.com');
    expect(role).toHaveDisplayValue('Publisher');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('clears the field problem once the address is changed and sent again', async () => {
    stubApi({ [INVITE]: failure(409, 'CONFLICT', 'This person is already a member', { field: 'email' }) });
    const { email, send, user } = renderForm();

    await user.type(email, 'ada@example.com');
    await send();
    expectFieldProblem(email, 'This person is already a member');

    stubApi({ [INVITE]: invited });
    await user.clear(email);
    await user.type(email, 'bo@example.com');
    await send();

    expect(await screen.findByText('Invitation sent')).toBeInTheDocument();
    expectNoFieldProblem(email);
    expect(screen.queryByText('This person is already a member')).not.toBeInTheDocument();
  });

  it('at the users limit (402): counts members plus pending invitations, and links to the billing page', async () => {
    stubApi({ [INVITE]: quotaExceeded('users', 3, 3) });
    const { email, send, user } = renderForm();

    await user.type(email, 'bo@example.com');
    await send();

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Your plan is full')).toBeInTheDocument();
    expect(alert).toHaveTextContent('The free plan allows 3 users (members plus pending invitations), and you have 3.');
    expect(within(alert).getByRole('link', { name: 'Compare plans and upgrade' })).toHaveAttribute('href', '/o/acme/billing');
  });

  it('at the users limit, for an admin without billing rights: asks them to turn to an owner', async () => {
    stubApi({ [INVITE]: quotaExceeded('users', 3, 3) });
    const { email, send, user } = renderForm(['members:invite', 'members:read', 'billing:read']);

    await user.type(email, 'bo@example.com');
    await send();

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Ask an owner to upgrade.');
    expect(within(alert).queryByRole('link', { name: 'Compare plans and upgrade' })).not.toBeInTheDocument();
  });

  it('shows a refusal that names no field (403) in the form alert', async () => {
    stubApi({ [INVITE]: failure(403, 'FORBIDDEN', 'Only an owner can invite an admin', { rule: 'admin-invites' }) });
    const { email, role, send, user } = renderForm();

    await user.type(email, 'bo@example.com');
    await user.selectOptions(role, 'Admin');
    await send();

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('That did not work');
    expect(alert).toHaveTextContent('Only an owner can invite an admin');
    expectNoFieldProblem(email);
  });
});
