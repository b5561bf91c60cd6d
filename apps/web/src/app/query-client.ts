import { ApiError } from '@plinth/api-client';
import { QueryClient } from '@tanstack/react-query';
import { session } from '../api/client';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A 4xx answer will not change on retry; network and 5xx failures may.
      retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
    },
  },
});

// Nothing cached for a user may outlive their session.
session.subscribe(() => {
  if (!session.isSignedIn()) queryClient.clear();
});
