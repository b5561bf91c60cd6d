import { SegmentedControl } from '@mantine/core';
import type { PostFilter } from './posts-queries';

const FILTERS: Array<{ value: PostFilter; label: string }> = [
  { value: 'all', label: 'All' },
  { value: 'draft', label: 'Drafts' },
  { value: 'published', label: 'Published' },
];

interface Props {
  value: PostFilter;
  onChange: (filter: PostFilter) => void;
}

export function PostStatusFilter({ value, onChange }: Props) {
  return (
    <SegmentedControl
      aria-label="Show posts"
      data={FILTERS}
      value={value}
      onChange={(filter) => onChange(filter as PostFilter)}
      w="fit-content"
    />
  );
}
