import { Injectable } from '@nestjs/common';
import type { TenantContext } from '@plinth/tenancy';
import type { Page } from '../../common/envelope.interceptor';
import { pageQuery, toPage } from '../../common/pagination';
import type { InvoiceDto, InvoiceQueryDto } from './dto/billing.dto';
import { Invoice } from './entities/invoice.entity';

@Injectable()
export class InvoicesService {
  /** Newest first, optionally of one status. */
  list(tenant: TenantContext, query: InvoiceQueryDto): Promise<Page<InvoiceDto>> {
    return tenant.transaction(async (tx) => {
      const qb = tx.repo(Invoice).createQueryBuilder('i');
      if (query.status) qb.andWhere('i.status = :status', { status: query.status });
      const rows = await pageQuery(qb, 'i', query, 'createdAt', 'DESC').getMany();
      return toPage(rows, query, (i) => ({ at: i.createdAt, id: i.id }), presentInvoice);
    });
  }
}

export function presentInvoice(invoice: Invoice): InvoiceDto {
  return {
    id: invoice.id,
    stripeInvoiceId: invoice.stripeInvoiceId,
    amountCents: invoice.amountCents,
    amountPaidCents: invoice.amountPaidCents,
    currency: invoice.currency,
    status: invoice.status,
    invoicePdfUrl: invoice.invoicePdfUrl,
    hostedInvoiceUrl: invoice.hostedInvoiceUrl,
    periodStart: invoice.periodStart.toISOString(),
    periodEnd: invoice.periodEnd.toISOString(),
    paidAt: invoice.paidAt?.toISOString() ?? null,
    createdAt: invoice.createdAt.toISOString(),
  };
}
