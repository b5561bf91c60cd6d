import { Injectable } from '@nestjs/common';
import type { ProviderInvoice } from '@plinth/billing';
import type { TenantTx } from '@plinth/tenancy';
import { Invoice } from './entities/invoice.entity';

/** Invoice statuses only move forward: a late `finalized` (open) never reopens a paid invoice. */
const RANK: Record<ProviderInvoice['status'], number> = { draft: 0, open: 1, uncollectible: 2, void: 3, paid: 3 };

@Injectable()
export class InvoiceRecords {
  /** Stores the provider's invoice unless what is stored is further along; returns the status it had before (null: new). */
  async upsert(tx: TenantTx, invoice: ProviderInvoice): Promise<ProviderInvoice['status'] | null> {
    const stored = await tx
      .repo(Invoice)
      .createQueryBuilder('i')
      .where('i.stripeInvoiceId = :id', { id: invoice.id })
      .setLock('pessimistic_write')
      .getOne();
    const values = {
      stripeSubscriptionId: invoice.subscriptionId,
      amountCents: invoice.amountCents,
      amountPaidCents: invoice.amountPaidCents,
      currency: invoice.currency,
      status: invoice.status,
      invoicePdfUrl: invoice.invoicePdfUrl,
      hostedInvoiceUrl: invoice.hostedInvoiceUrl,
      periodStart: invoice.periodStart,
      periodEnd: invoice.periodEnd,
      paidAt: invoice.paidAt,
    };
    if (!stored) await tx.repo(Invoice).insert({ stripeInvoiceId: invoice.id, createdAt: invoice.createdAt, ...values });
    else if (RANK[invoice.status] >= RANK[stored.status]) await tx.repo(Invoice).update({ id: stored.id }, values);
    return stored?.status ?? null;
  }
}
