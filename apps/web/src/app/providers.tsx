import { localStorageColorSchemeManager, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { SkipLink } from '../ui/skip-link';
import { queryClient } from './query-client';
import { theme } from './theme';

/** Light or dark as the system says, until the person picks one with the header's toggle; their pick is kept in this browser. */
const colorSchemeManager = localStorageColorSchemeManager({ key: 'plinth.colorScheme' });

export function Providers({ children }: { children: ReactNode }) {
  return (
    <MantineProvider theme={theme} colorSchemeManager={colorSchemeManager} defaultColorScheme="auto">
      <SkipLink />
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </MantineProvider>
  );
}
