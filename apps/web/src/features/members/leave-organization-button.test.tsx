import { describe, expect, it } from '@jest/globals';
import type { Schemas } from '@plinth/api-client';
import { screen, within } from '@testing-library/react';
import { page, requestsTo, stubApi } from '../../test/api';
import { ORGANIZATION_ID, shellContext, USER } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { LeaveOrganizationButton } from './leave-organization-button';

const MEMBERS = `GET /api/v1/organizations/${ORGANIZATION_ID}/members`;
const LEAVE = `POST /api/v1/organizations/${ORGANIZATION_ID}/leave`;

/** A member as the members list returns it; the signed-in user (fixtures' USER) with `you`. */
export function memberOf(overrides: Partial<Schemas['MemberDto']> = {}, you = false): Schemas['MemberDto'] {
  return {
    id: you ? '7d3f2a10-0000-4000-8000-0000000000c0' : '7d3f2a10-0000-4000-8000-0000000000c1',
    userId: you ? USER.id : '7d3f2a10-0000-4000-8000-0000000000a2',
    email: you ? USER.email : 'grace@example.com',
    name: you ? USER.name : 'Grace Hopper',
    role: you ? 'owner' : 'editor',
    joinedAt: '2025-03-01T10:00:00.000Z',
    ...overrides,
  };
}

async function openDialog(role: 'owner' | 'admin') {
  const view = renderWithProviders(<LeaveOrganizationButton />, { shell: shellContext({ role }) });
  await view.user.click(screen.getByRole('button', { name: 'Leave organization' }));
  const dialog = await screen.findByRole('dialog', { name: 'Leave Acme?' });
  return { ...view, dialog, leave: within(dialog).getByRole('button', { name: 'Leave' }) };
}

describe('LeaveOrganizationButton', () => {
  it('keeps Leave disabled for the last owner, and says to transfer ownership first', async () => {
    stubApi({ [MEMBERS]: page([memberOf({}, true), memberOf({ role: 'admin' })]) });
    const { dialog, leave, user } = await openDialog('owner');

    expect(await within(dialog).findByText(/You are the only owner of Acme/)).toBeInTheDocument();
    expect(leave).toBeDisabled();
    expect(leave).toHaveAccessibleDescription(expect.stringContaining('Transfer ownership to another member first'));
    await user.click(leave);
    expect(requestsTo(LEAVE)).toHaveLength(0);
  });

  it('lets an owner leave while another owner remains', async () => {
    stubApi({ [MEMBERS]: page([memberOf({}, true), memberOf({ role: 'owner' })]) });
    const { dialog, leave } = await openDialog('owner');

    await within(dialog).findByText(/You lose access at once/);
    expect(leave).toBeEnabled();
    expect(within(dialog).queryByText(/only owner/)).not.toBeInTheDocument();
  });

  it('lets anyone but an owner leave', async () => {
    stubApi({ [MEMBERS]: page([memberOf({ role: 'admin' }, true)]) });
    const { leave } = await openDialog('admin');

    expect(leave).toBeEnabled();
  });
});
