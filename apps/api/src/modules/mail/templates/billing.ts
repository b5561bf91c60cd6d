import { layout, plain } from './layout';

interface Organization {
  name: string;
  organizationName: string;
}

/** Mails about an organization's subscription, to its owners. Amounts and dates arrive formatted (see billing/billing-mails). */
export const billingTemplates = {
  subscriptionConfirmed: (p: Organization & { planName: string; price: string; trialEnd: string | null; billingUrl: string }) =>
    layout({
      subject: `${plain(p.organizationName)} is on the ${p.planName} plan`,
      greeting: `Hi ${plain(p.name)},`,
      paragraphs: [
        `“${plain(p.organizationName)}” is now subscribed to ${p.planName} (${p.price}).`,
        p.trialEnd ? `Your free trial runs until ${p.trialEnd}; the first charge is on that day.` : 'Your first payment went through.',
      ],
      action: { label: 'See your plan', url: p.billingUrl },
    }),
  paymentReceipt: (p: Organization & { amount: string; period: string; invoiceUrl: string | null; billingUrl: string }) =>
    layout({
      subject: `Receipt: ${p.amount} for ${plain(p.organizationName)}`,
      greeting: `Hi ${plain(p.name)},`,
      paragraphs: [`We received ${p.amount} for “${plain(p.organizationName)}”, covering ${p.period}. Thank you.`],
      action: { label: p.invoiceUrl ? 'View the invoice' : 'See your invoices', url: p.invoiceUrl ?? p.billingUrl },
    }),
  paymentFailed: (p: Organization & { amount: string; graceEnds: string | null; billingUrl: string; actionRequired: boolean }) =>
    layout({
      subject: p.actionRequired
        ? `Confirm the payment for ${plain(p.organizationName)}`
        : `Payment failed for ${plain(p.organizationName)}`,
      greeting: `Hi ${plain(p.name)},`,
      paragraphs: [
        p.actionRequired
          ? `Your bank asks you to confirm the payment of ${p.amount} for “${plain(p.organizationName)}”.`
          : `We could not charge ${p.amount} for “${plain(p.organizationName)}”.`,
        p.graceEnds
          ? `Everything keeps working until ${p.graceEnds}; then the organization moves to the Free plan unless the payment goes through.`
          : 'Please update your payment method so the subscription continues.',
      ],
      action: { label: 'Update payment method', url: p.billingUrl },
    }),
  graceReminder: (p: Organization & { daysLeft: number; graceEnds: string; billingUrl: string }) =>
    layout({
      subject: `${p.daysLeft} days left to keep ${plain(p.organizationName)}’s plan`,
      greeting: `Hi ${plain(p.name)},`,
      paragraphs: [
        `The last payment for “${plain(p.organizationName)}” failed. On ${p.graceEnds} the organization moves to the Free plan.`,
        'Your data stays; creating more than the Free plan allows will be refused until you upgrade again.',
      ],
      action: { label: 'Update payment method', url: p.billingUrl },
    }),
  trialEnding: (p: Organization & { planName: string; trialEnd: string; billingUrl: string }) =>
    layout({
      subject: `The ${p.planName} trial of ${plain(p.organizationName)} ends on ${p.trialEnd}`,
      greeting: `Hi ${plain(p.name)},`,
      paragraphs: [`The free trial of “${plain(p.organizationName)}” ends on ${p.trialEnd}, and the first charge is made then.`],
      action: { label: 'Manage billing', url: p.billingUrl },
    }),
  subscriptionCanceled: (p: Organization & { planName: string; endsAt: string | null; reason: string | null; billingUrl: string }) =>
    layout({
      subject: p.endsAt
        ? `${plain(p.organizationName)}’s ${p.planName} plan ends on ${p.endsAt}`
        : `${plain(p.organizationName)} is on the Free plan now`,
      greeting: `Hi ${plain(p.name)},`,
      paragraphs: [
        p.endsAt
          ? `The subscription of “${plain(p.organizationName)}” is canceled; ${p.planName} stays until ${p.endsAt}, then the Free plan applies.`
          : `The ${p.planName} subscription of “${plain(p.organizationName)}” has ended${p.reason ? ` (${p.reason})` : ''}; the Free plan applies now.`,
        'Your data stays. Anything beyond the Free plan’s limits can be read and deleted, and you can upgrade again at any time.',
      ],
      action: { label: 'See plans', url: p.billingUrl },
    }),
};
