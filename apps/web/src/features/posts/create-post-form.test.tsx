import { describe, expect, it } from '@jest/globals';
import type { Schemas } from '@plinth/api-client';
import { screen, within } from '@testing-library/react';
import { failure, ok, requestsTo, stubApi, type SentRequest } from '../../test/api';
import { ORGANIZATION_ID, quotaExceeded, shellContext, site } from '../../test/fixtures';
import { expectFieldProblem, expectNoFieldProblem } from '../../test/fields';
import { renderWithProviders } from '../../test/render';
import { CreatePostForm } from './create-post-form';

const blog = site();
const CREATE = `POST /api/v1/sites/${blog.id}/posts`;

const saved = ({ body }: SentRequest): ReturnType<typeof ok> => {
  const { title, body: text } = body as Schemas['CreatePostDto'];
  const post: Schemas['PostDto'] = {
    id: '7d3f2a10-0000-4000-8000-0000000000c1',
    siteId: blog.id,
    title,
    body: text ?? '',
    status: 'draft',
    publishedAt: null,
    createdAt: '2025-03-02T10:00:00.000Z',
    updatedAt: '2025-03-02T10:00:00.000Z',
  };
  return ok(post, 201);
};

function renderForm() {
  const view = renderWithProviders(<CreatePostForm site={blog} />, { shell: shellContext() });
  const form = screen.getByRole('form', { name: 'Write a post' });
  const title = within(form).getByRole('textbox', { name: 'Title' });
  const body = within(form).getByRole('textbox', { name: 'Body' });
  const save = () => view.user.click(within(form).getByRole('button', { name: 'Save draft' }));
  return { ...view, title, body, save };
}

describe('CreatePostForm', () => {
  it('asks for a title before sending; the body may stay empty', async () => {
    const { title, body, save, user } = renderForm();

    await user.type(title, '   ');
    await save();

    expectFieldProblem(title, 'Give the post a title');
    expectNoFieldProblem(body);
    expect(requestsTo(CREATE)).toHaveLength(0);
  });

  it('saves a draft in this site, says so, and empties the form', async () => {
    stubApi({ [CREATE]: saved });
    const { title, body, save, user } = renderForm();

    await user.type(title, '  Hello, world ');
    await user.type(body, '# Hi\n\nFirst post.');
    await save();

    expect(await screen.findByText('“Hello, world” is a draft until it is published.')).toBeInTheDocument();
    expect(screen.getByText('Draft saved')).toBeInTheDocument();
    const [request] = requestsTo(CREATE);
    expect(request.body).toEqual({ title: 'Hello, world', body: '# Hi\n\nFirst post.' });
    expect(request.headers.get('X-Organization-Id')).toBe(ORGANIZATION_ID);
    expect(title).toHaveValue('');
    expect(body).toHaveValue('');
  });

  it("puts the API's validation problem beside the title", async () => {
    stubApi({
      [CREATE]: failure(400, 'VALIDATION_FAILED', 'Invalid request: title', [
        { field: 'title', problems: ['must not contain control characters'] },
      ]),
    });
    const { title, save, user } = renderForm();

    await user.type(title, 'Hello');
    await save();

    expect(await screen.findByText('must not contain control characters')).toBeInTheDocument();
    expectFieldProblem(title, 'must not contain control characters');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('at the per-site post limit (402): explains it and links to the billing page', async () => {
    stubApi({ [CREATE]: quotaExceeded('posts', 20, 20) });
    const { title, save, user } = renderForm();

    await user.type(title, 'One too many');
    await save();

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Your plan is full')).toBeInTheDocument();
    expect(alert).toHaveTextContent('The free plan allows 20 posts in each site, and you have 20. Upgrade your plan to add more.');
    expect(within(alert).getByRole('link', { name: 'Compare plans and upgrade' })).toHaveAttribute('href', '/o/acme/billing');
    expect(title).toHaveValue('One too many');
  });

  it('shows any other failure in the form alert', async () => {
    stubApi({ [CREATE]: failure(404, 'NOT_FOUND', 'Site not found') });
    const { title, save, user } = renderForm();

    await user.type(title, 'Orphan');
    await save();

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('That did not work');
    expect(alert).toHaveTextContent('Site not found');
    expect(screen.queryByText('Your plan is full')).not.toBeInTheDocument();
  });
});
