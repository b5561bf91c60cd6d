import { describe, expect, it, jest } from '@jest/globals';
import type { Schemas } from '@plinth/api-client';
import { screen, waitFor, within } from '@testing-library/react';
import { failure, ok, requestsTo, stubApi, type SentRequest } from '../../test/api';
import { createdApiKey, ORGANIZATION_ID, shellContext } from '../../test/fixtures';
import { expectFieldProblem, expectNoFieldProblem } from '../../test/fields';
import { renderWithProviders } from '../../test/render';
import type { CreatedApiKey } from './api-keys-queries';
import { CreateApiKeyForm } from './create-api-key-form';
import { todayInputValue } from './key-expiry';

const CREATE = 'POST /api/v1/api-keys';

const created = ({ body }: SentRequest) => ok(createdApiKey(body as Schemas['CreateApiKeyDto']), 201);

/** A local day `days` from today (negative: past); todayInputValue(day) is how <input type="date"> holds it. */
function dayFromToday(days: number): Date {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
}

function renderForm() {
  const onCreated = jest.fn<(key: CreatedApiKey) => void>();
  const view = renderWithProviders(<CreateApiKeyForm onCreated={onCreated} />, { shell: shellContext() });
  const form = screen.getByRole('form', { name: 'Create an API key' });
  const name = within(form).getByRole('textbox', { name: 'Name' });
  const role = within(form).getByRole('combobox', { name: 'Role' });
  const expiresOn = within(form).getByLabelText('Expires on');
  const create = () => view.user.click(within(form).getByRole('button', { name: 'Create key' }));
  return { ...view, onCreated, name, role, expiresOn, create };
}

describe('CreateApiKeyForm', () => {
  it('offers every role but owner, viewer first chosen; expiry is optional and starts today', () => {
    const { role, expiresOn } = renderForm();

    expect(
      within(role)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Admin', 'Editor', 'Publisher', 'Viewer']);
    expect(role).toHaveDisplayValue('Viewer');
    expect(expiresOn).toHaveAttribute('type', 'date');
    expect(expiresOn).toHaveValue('');
    expect(expiresOn).not.toBeRequired();
    expect(expiresOn).toHaveAttribute('min', todayInputValue());
  });

  it('asks for a name and a day that is not over before sending', async () => {
    const { name, expiresOn, create, user, onCreated } = renderForm();

    await user.type(name, '   ');
    await user.type(expiresOn, todayInputValue(dayFromToday(-1)));
    await create();

    expectFieldProblem(name, 'Name the key after what uses it');
    expectFieldProblem(expiresOn, 'Choose today or a later day');
    expect(requestsTo(CREATE)).toHaveLength(0);
    expect(onCreated).not.toHaveBeenCalled();
  });

  it('creates a key that never expires when no day is chosen, and hands it over once', async () => {
    stubApi({ [CREATE]: created });
    const { name, role, create, user, onCreated } = renderForm();

    await user.type(name, ' CI deploys ');
    await user.selectOptions(role, 'Publisher');
    await create();

    await waitFor(() => expect(onCreated).toHaveBeenCalledTimes(1));
    expect(onCreated.mock.calls[0][0]).toMatchObject({ name: 'CI deploys', key: 'plk_3f9a2c71d0b4_s3cr3t-part-shown-once' });
    const [request] = requestsTo(CREATE);
    expect(request.body).toEqual({ name: 'CI deploys', role: 'publisher' });
    expect(request.headers.get('X-Organization-Id')).toBe(ORGANIZATION_ID);
    // Ready for the next key.
    expect(name).toHaveValue('');
    expect(role).toHaveDisplayValue('Viewer');
  });

  it('sends a chosen day as the end of that day, local time: the key works through it', async () => {
    stubApi({ [CREATE]: created });
    const { name, expiresOn, create, user, onCreated } = renderForm();
    const nextWeek = dayFromToday(7);

    await user.type(name, 'Zapier');
    await user.type(expiresOn, todayInputValue(nextWeek));
    expectNoFieldProblem(expiresOn);
    await create();

    await waitFor(() => expect(onCreated).toHaveBeenCalledTimes(1));
    const lastMoment = new Date(nextWeek.getFullYear(), nextWeek.getMonth(), nextWeek.getDate(), 23, 59, 59, 999);
    expect(requestsTo(CREATE)[0].body).toEqual({ name: 'Zapier', role: 'viewer', expiresAt: lastMoment.toISOString() });
  });

  it('shows a refusal in the form alert and hands over nothing', async () => {
    stubApi({ [CREATE]: failure(403, 'FORBIDDEN', 'A key cannot have a higher role than its creator', { rule: 'key-role' }) });
    const { name, role, create, user, onCreated } = renderForm();

    await user.type(name, 'Admin robot');
    await user.selectOptions(role, 'Admin');
    await create();

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('That did not work');
    expect(alert).toHaveTextContent('A key cannot have a higher role than its creator');
    expect(onCreated).not.toHaveBeenCalled();
    expect(name).toHaveValue('Admin robot');
  });

  it("puts the API's validation problem beside the name", async () => {
    stubApi({ [CREATE]: failure(400, 'VALIDATION_FAILED', 'Invalid request: name', [{ field: 'name', problems: ['must be unique'] }]) });
    const { name, create, user } = renderForm();

    await user.type(name, 'CI deploys');
    await create();

    expect(await screen.findByText('must be unique')).toBeInTheDocument();
    expectFieldProblem(name, 'must be unique');
  });
});
