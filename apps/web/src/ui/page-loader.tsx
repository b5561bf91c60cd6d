import { Skeleton, Stack } from '@mantine/core';
import { ListSkeleton } from './list-skeleton';

/**
 * A whole page on its way: the shape of a page (heading, description, a
 * card of rows) in grey, so the layout does not jump when it arrives.
 */
export function PageLoader({ label = 'Loading' }: { label?: string }) {
  return (
    <Stack gap="lg" role="status" aria-label={label} aria-busy="true" maw={1140} mx="auto" w="100%" p="md">
      <Skeleton height={34} width="min(320px, 70%)" radius="sm" />
      <Skeleton height={14} width="min(480px, 90%)" radius="sm" />
      <ListSkeleton label={label} rows={4} framed />
    </Stack>
  );
}
