import { Anchor, Badge, Group, Table, Text } from '@mantine/core';
import { formatAmount, formatDate } from '../../ui/format';
import { RecordTable } from '../../ui/record-table';
import type { Invoice } from './billing-queries';

type InvoiceStatus = Invoice['status'];

/** `Record` over the contract's statuses: the build fails when the API adds one without a look here. */
const STATUSES: Record<InvoiceStatus, { label: string; color: string }> = {
  draft: { label: 'Draft', color: 'gray' },
  open: { label: 'Open', color: 'orange' },
  paid: { label: 'Paid', color: 'teal' },
  uncollectible: { label: 'Uncollectible', color: 'red' },
  void: { label: 'Void', color: 'gray' },
};

export function InvoicesTable({ invoices }: { invoices: Invoice[] }) {
  return (
    <RecordTable
      label="Invoices"
      columns={['Date', 'Period', 'Amount', 'Status']}
      withActions
      items={invoices}
      empty="No invoices yet."
      minWidth={640}
      row={(invoice) => <InvoiceRow key={invoice.id} invoice={invoice} />}
    />
  );
}

function InvoiceRow({ invoice }: { invoice: Invoice }) {
  const status = STATUSES[invoice.status];
  const issued = formatDate(invoice.createdAt);
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm">{issued}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          {formatDate(invoice.periodStart)} – {formatDate(invoice.periodEnd)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatAmount(invoice.amountCents, invoice.currency)}</Text>
        {invoice.status !== 'paid' && invoice.amountPaidCents > 0 && (
          <Text size="xs" c="dimmed">
            {formatAmount(invoice.amountPaidCents, invoice.currency)} paid
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color={status.color} tt="none" data-testid="invoice-status">
          {status.label}
        </Badge>
        {invoice.paidAt && (
          <Text size="xs" c="dimmed">
            Paid {formatDate(invoice.paidAt)}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap="sm" justify="flex-end" wrap="nowrap">
          {invoice.hostedInvoiceUrl && (
            <Anchor
              href={invoice.hostedInvoiceUrl}
              target="_blank"
              rel="noopener noreferrer"
              size="sm"
              aria-label={`View the invoice of ${issued}`}
            >
              View
            </Anchor>
          )}
          {invoice.invoicePdfUrl && (
            <Anchor
              href={invoice.invoicePdfUrl}
              target="_blank"
              rel="noopener noreferrer"
              size="sm"
              aria-label={`Download the invoice of ${issued} (PDF)`}
            >
              PDF
            </Anchor>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
