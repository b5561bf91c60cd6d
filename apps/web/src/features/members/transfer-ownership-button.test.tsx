import { describe, expect, it } from '@jest/globals';
import type { Schemas } from '@plinth/api-client';
import { screen, within } from '@testing-library/react';
import { ok, page, requestsTo, stubApi } from '../../test/api';
import { ORGANIZATION_ID, shellContext, USER } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { TransferOwnershipButton } from './transfer-ownership-button';

const MEMBERS = `GET /api/v1/organizations/${ORGANIZATION_ID}/members`;
const TRANSFER = `POST /api/v1/organizations/${ORGANIZATION_ID}/transfer-ownership`;

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

async function openDialog() {
  const view = renderWithProviders(<TransferOwnershipButton />, { shell: shellContext() });
  await view.user.click(screen.getByRole('button', { name: 'Transfer ownership' }));
  const dialog = await screen.findByRole('dialog', { name: 'Transfer ownership' });
  return { ...view, dialog, transfer: within(dialog).getByRole('button', { name: 'Transfer' }) };
}

describe('TransferOwnershipButton', () => {
  it('keeps Transfer disabled until a member is chosen, saying why, then hands the organization over', async () => {
    const grace = memberOf();
    stubApi({ [MEMBERS]: page([memberOf({}, true), grace]), [TRANSFER]: ok({ ...grace, role: 'owner' }) });
    const { dialog, transfer, user } = await openDialog();

    const newOwner = await within(dialog).findByRole('combobox', { name: 'New owner' });
    expect(transfer).toBeDisabled();
    expect(transfer).toHaveAccessibleDescription('Choose the member who becomes the owner.');

    await user.selectOptions(newOwner, grace.userId);
    expect(transfer).toBeEnabled();
    await user.click(transfer);

    expect(await screen.findByText('Grace Hopper owns Acme now; you are an admin.')).toBeInTheDocument();
    expect(requestsTo(TRANSFER).map((request) => request.body)).toEqual([{ userId: grace.userId }]);
  });

  it('says there is nobody to hand it to when you are the only member', async () => {
    stubApi({ [MEMBERS]: page([memberOf({}, true)]) });
    const { dialog, transfer } = await openDialog();

    expect(await within(dialog).findByText('Acme has no other member to take it over. Invite someone first.')).toBeInTheDocument();
    expect(within(dialog).queryByRole('combobox')).not.toBeInTheDocument();
    expect(transfer).toBeDisabled();
  });
});
