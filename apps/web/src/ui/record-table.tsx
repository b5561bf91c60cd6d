import { Table, Text, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';

interface RecordTableProps<Item> {
  /** The table's accessible name. */
  label: string;
  /** Column headings; a last, visually hidden "Actions" column is added when `withActions`. */
  columns: string[];
  withActions?: boolean;
  items: Item[];
  /** Shown instead of an empty table. */
  empty: string;
  minWidth: number;
  row: (item: Item) => ReactNode;
}

/** The console's list table: headings, one row per record, a plain sentence when there is none. */
export function RecordTable<Item>({ label, columns, withActions, items, empty, minWidth, row }: RecordTableProps<Item>) {
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table verticalSpacing="sm" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column}>{column}</Table.Th>
            ))}
            {withActions && (
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{items.map(row)}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
