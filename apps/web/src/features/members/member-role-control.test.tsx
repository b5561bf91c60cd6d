import { describe, expect, it } from '@jest/globals';
import type { Schemas } from '@plinth/api-client';
import { screen, within } from '@testing-library/react';
import { ok, requestsTo, stubApi } from '../../test/api';
import { ORGANIZATION_ID, shellContext, USER } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { MemberRoleControl } from './member-role-control';

type Member = Schemas['MemberDto'];

function member(overrides: Partial<Member>): Member {
  return {
    id: '7d3f2a10-0000-4000-8000-0000000000c1',
    userId: '7d3f2a10-0000-4000-8000-0000000000a2',
    email: 'grace@example.com',
    name: 'Grace Hopper',
    role: 'editor',
    joinedAt: '2025-03-01T10:00:00.000Z',
    ...overrides,
  };
}

describe('MemberRoleControl', () => {
  it('never offers Owner: ownership moves only by transfer', () => {
    renderWithProviders(<MemberRoleControl member={member({})} />, { shell: shellContext() });

    const menu = screen.getByRole('combobox', { name: 'Role of Grace Hopper' });
    expect(
      within(menu)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Admin', 'Editor', 'Publisher', 'Viewer']);
  });

  it('shows another owner as a badge, not a menu, even to an owner', () => {
    renderWithProviders(<MemberRoleControl member={member({ role: 'owner' })} />, { shell: shellContext() });

    expect(screen.queryByRole('combobox')).not.toBeInTheDocument();
    expect(screen.getByText('Owner')).toBeInTheDocument();
  });

  it('shows your own role as a badge: it changes by transfer or leave', () => {
    renderWithProviders(<MemberRoleControl member={member({ userId: USER.id, role: 'admin' })} />, {
      shell: shellContext({ role: 'admin' }),
    });

    expect(screen.queryByRole('combobox')).not.toBeInTheDocument();
    expect(screen.getByText('Admin')).toBeInTheDocument();
  });

  it('sends the chosen role and says so in a toast whose close button has a name', async () => {
    const grace = member({});
    const route = `PATCH /api/v1/organizations/${ORGANIZATION_ID}/members/${grace.userId}`;
    stubApi({ [route]: ok({ ...grace, role: 'publisher' }) });
    const { user } = renderWithProviders(<MemberRoleControl member={grace} />, { shell: shellContext() });

    await user.selectOptions(screen.getByRole('combobox', { name: 'Role of Grace Hopper' }), 'publisher');

    expect(await screen.findByText('Grace Hopper is now Publisher.')).toBeInTheDocument();
    expect(requestsTo(route).map((request) => request.body)).toEqual([{ role: 'publisher' }]);
    expect(screen.getByRole('button', { name: 'Close the notification “Role changed”' })).toBeInTheDocument();
  });
});
