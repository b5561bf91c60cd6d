import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel, type UserEvent } from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { MemoryRouter, Outlet, Route, Routes } from 'react-router';
import { session } from '../api/client';
import { theme } from '../app/theme';
import type { ShellContext } from '../features/shell/shell-context';

interface Options {
  /** The URL the router starts at, e.g. `/login?next=%2Fo%2Facme`. */
  url?: string;
  /**
   * Renders `ui` as a page of an organization (what the app shell passes as
   * outlet context), with a signed-in session. Without it, signed out.
   */
  shell?: ShellContext;
  /** Other pages by path, to see where a navigation lands: `{ '/o/acme': <p>Acme</p> }`. */
  pages?: Record<string, ReactNode>;
}

export interface Rendered extends RenderResult {
  /** user-event, set up before rendering as its docs advise. */
  user: UserEvent;
  queryClient: QueryClient;
}

/**
 * Renders a component as the app does: Mantine with the app's theme (in
 * its test mode: no transitions, no portals, so dialogs and toasts render
 * in place), notifications, a fresh QueryClient (no retries: a failure
 * shows at once) and a router.
 */
export function renderWithProviders(ui: ReactNode, { url = '/', shell, pages = {} }: Options = {}): Rendered {
  // The API client's session is one per test file; each render starts from a known one.
  session.clear();
  if (shell) session.start({ accessToken: 'test-access-token', refreshToken: 'test-refresh-token' });
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const user = userEvent.setup({
    // Typing stays keystroke by keystroke, without a timer between keys.
    delay: null,
    // The check reads computed styles, slow in jsdom and empty here: no stylesheet is loaded, so nothing sets pointer-events.
    pointerEventsCheck: PointerEventsCheckLevel.Never,
  });
  const routes = (
    <>
      <Route path="*" element={ui} />
      {Object.entries(pages).map(([path, page]) => (
        <Route key={path} path={path} element={page} />
      ))}
    </>
  );
  const rendered = render(
    // The global stylesheets only slow jsdom's style computation (getByRole's visibility checks); tests read no computed style.
    <MantineProvider theme={theme} env="test" withCssVariables={false} withGlobalClasses={false}>
      <Notifications />
      <QueryClientProvider client={queryClient}>
        <MemoryRouter initialEntries={[url]}>
          <Routes>{shell ? <Route element={<Outlet context={shell} />}>{routes}</Route> : routes}</Routes>
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
  return { ...rendered, user, queryClient };
}
