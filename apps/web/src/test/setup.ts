import { afterEach, beforeEach, jest } from '@jest/globals';
import '@testing-library/jest-dom/jest-globals';
import { notifications } from '@mantine/notifications';
import { cleanup, configure } from '@testing-library/react';
import { resetApi, stubbedFetch } from './api';

// The API client keeps the fetch it finds when it is created (on import of
// api/client.ts), so the stub goes in before any test file imports the app.
globalThis.fetch = stubbedFetch;

// What Mantine's components use and jsdom lacks (mantine.dev/guides/jest).
const { getComputedStyle } = window;
window.getComputedStyle = (element: Element) => getComputedStyle(element);
window.HTMLElement.prototype.scrollIntoView = () => undefined;
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: jest.fn((query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: jest.fn(),
    removeListener: jest.fn(),
    addEventListener: jest.fn(),
    removeEventListener: jest.fn(),
    dispatchEvent: jest.fn(),
  })),
});
window.ResizeObserver = class {
  observe = jest.fn();
  unobserve = jest.fn();
  disconnect = jest.fn();
};

// findBy*/waitFor give up after 1 s by default; a first render on a loaded CI box (lazy modules,
// jsdom warming up) took longer once. A test whose element never comes only fails later.
configure({ asyncUtilTimeout: 5_000 });

// Module state outlives a test within its file: notifications, stored session, stubbed answers.
beforeEach(() => notifications.clean());
afterEach(async () => {
  // Unmounted, nothing starts another call; a call already on its way reaches fetch within this tick,
  // and is checked against this test's answers rather than the next test's.
  cleanup();
  await new Promise((resolve) => setTimeout(resolve, 0));
  window.localStorage.clear();
  resetApi();
});
