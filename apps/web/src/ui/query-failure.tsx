import { Alert, Button } from '@mantine/core';
import { describeFailure } from './api-failure';

interface FailedQuery {
  error: unknown;
  refetch: () => unknown;
}

/** A list or figure that could not be loaded, with a way to try again. */
export function QueryFailure({ title, query }: { title: string; query: FailedQuery }) {
  return (
    <Alert color="red" variant="light" title={title}>
      {describeFailure(query.error)}
      <Button display="block" mt="sm" size="xs" variant="light" color="red" onClick={() => void query.refetch()}>
        Try again
      </Button>
    </Alert>
  );
}
