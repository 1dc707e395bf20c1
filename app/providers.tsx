'use client';

import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';

import { theme } from '@/components/layout/theme';

/** Client-side providers: Mantine (theme + colour scheme) and react-query (server data). */
export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          // Keep the last good data on screen when a refresh fails; the page shows a banner.
          queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 2_000 },
        },
      }),
  );
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    </MantineProvider>
  );
}
