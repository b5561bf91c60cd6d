import { rem, Table, Text, VisuallyHidden } from '@mantine/core';
import type { CSSProperties, ReactNode } from 'react';
import classes from './record-table.module.css';

interface RecordTableProps<Item> {
  /** The table's accessible name. */
  label: string;
  /** Column headings; a last, visually hidden "Actions" column is added when `withActions`. */
  columns: string[];
  withActions?: boolean;
  items: Item[];
  /** Shown instead of an empty table: a sentence, or an EmptyState with the next thing to do. */
  empty: ReactNode;
  /** From the sm breakpoint up, the table scrolls sideways inside its card below this width. */
  minWidth: number;
  row: (item: Item) => ReactNode;
}

/**
 * The console's list table: headings, one row per record, a plain sentence
 * when there is none. On a phone (below sm) each row is a card of
 * "heading: value" lines instead (record-table.module.css), so nothing scrolls sideways.
 */
export function RecordTable<Item>({ label, columns, withActions, items, empty, minWidth, row }: RecordTableProps<Item>) {
  if (items.length === 0) {
    return typeof empty === 'string' ? (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    ) : (
      empty
    );
  }
  return (
    <div className={classes.scroll}>
      <Table
        verticalSpacing="sm"
        aria-label={label}
        className={classes.table}
        style={columnLabels(columns, minWidth)}
        data-with-actions={withActions || undefined}
      >
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
    </div>
  );
}

/** The headings as CSS strings, which the stacked layout shows before each cell. */
function columnLabels(columns: string[], minWidth: number): CSSProperties {
  const labels = Object.fromEntries(columns.map((column, index) => [`--record-table-label-${index + 1}`, JSON.stringify(column)]));
  return { ...labels, '--record-table-min-width': rem(minWidth) } as CSSProperties;
}
