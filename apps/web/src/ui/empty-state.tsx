import { EmptyState as MantineEmptyState, Paper } from '@mantine/core';
import type { ReactNode } from 'react';

interface Props {
  /** What is missing, e.g. "No sites yet." */
  title: string;
  /** What to do about it, for someone who can. */
  description?: ReactNode;
  /** The next step: a button or link; none for someone who cannot take it. */
  action?: ReactNode;
}

/** An empty list that says what would fill it and offers the way there. */
export function EmptyState({ title, description, action }: Props) {
  return (
    <Paper withBorder p="lg" radius="md" style={{ borderStyle: 'dashed' }} data-testid="empty-state">
      <MantineEmptyState size="sm" title={title} description={description}>
        {action && <MantineEmptyState.Actions>{action}</MantineEmptyState.Actions>}
      </MantineEmptyState>
    </Paper>
  );
}
