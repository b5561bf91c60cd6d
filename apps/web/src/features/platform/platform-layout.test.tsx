import { describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import { ok, requestsTo, stubApi } from '../../test/api';
import { shellContext, USER } from '../../test/fixtures';
import { PLATFORM_ADMIN } from '../../test/platform-fixtures';
import { renderWithProviders } from '../../test/render';
import { PlatformConsoleLink } from './platform-console-link';
import { PlatformLayout } from './platform-layout';
import { PLATFORM_PAGES } from './platform-pages';

const ME = 'GET /api/v1/auth/me';

function renderLayout(user = PLATFORM_ADMIN) {
  stubApi({ [ME]: ok({ ...shellContext().me, user }) });
  // A signed-in session (what the shell option starts); the layout reads who is signed in from /auth/me.
  return renderWithProviders(<PlatformLayout pages={PLATFORM_PAGES} />, { url: '/platform', shell: shellContext() });
}

describe('PlatformLayout', () => {
  it('tells someone who is no platform admin they are not allowed, and asks the API for nothing of the console', async () => {
    renderLayout(USER);
    expect(await screen.findByRole('heading', { level: 1, name: 'Not allowed' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to your organizations' })).toHaveAttribute('href', '/o');
    expect(screen.queryByRole('navigation', { name: 'Platform' })).not.toBeInTheDocument();
    expect(requestsTo(ME)).toHaveLength(1);
  });

  it('gives a platform admin the console, its pages in the navbar', async () => {
    renderLayout();
    const nav = await screen.findByRole('navigation', { name: 'Platform' });
    const links = within(nav).getAllByRole('link');
    expect(links.map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
      ['Organizations', '/platform'],
      ['Billing metrics', '/platform/billing'],
      ['Failed webhooks', '/platform/webhook-deliveries'],
      ['Failed Stripe events', '/platform/stripe-events'],
      ['Job queues', '/platform/job-queues'],
    ]);
    expect(within(nav).getByRole('link', { name: 'Organizations' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByText('Platform console')).toBeInTheDocument();
  });
});

describe('PlatformConsoleLink', () => {
  it('is hidden from someone who is no platform admin', () => {
    renderWithProviders(<PlatformConsoleLink me={{ ...shellContext().me, user: USER }} onNavigate={() => undefined} />);
    expect(screen.queryByRole('link', { name: 'Platform console' })).not.toBeInTheDocument();
  });

  it('leads a platform admin to the console', () => {
    renderWithProviders(<PlatformConsoleLink me={{ ...shellContext().me, user: PLATFORM_ADMIN }} onNavigate={() => undefined} />);
    expect(screen.getByRole('link', { name: 'Platform console' })).toHaveAttribute('href', '/platform');
  });
});
