import { Container, Group, Loader, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useSearchParams } from 'react-router';
import { allItems } from '../../api/paged';
import { LoadMoreButton } from '../../ui/load-more-button';
import { PageHeader } from '../../ui/page-header';
import { QueryFailure } from '../../ui/query-failure';
import { SectionCard } from '../../ui/section-card';
import { useShellContext } from '../shell/shell-context';
import { useCan } from '../shell/use-can';
import { useQuotaStatus } from '../usage/quota-status-query';
import { UsageMeters } from '../usage/usage-meters';
import { ApiCallsOverage } from './api-calls-overage';
import { BillingNotices, SandboxLabel } from './billing-notices';
import { CHECKOUT_PARAM, PORTAL_PARAM } from './billing-paths';
import { useInvoices, useSubscription, type Subscription } from './billing-queries';
import { CancelSubscriptionButton } from './cancel-subscription-button';
import { CheckoutReturn } from './checkout-return';
import { InvoicesTable } from './invoices-table';
import { ManageBillingButton } from './manage-billing-button';
import { PlanPicker } from './plan-picker';
import { SubscriptionOverview } from './subscription-overview';
import { isLive } from './subscription-status';
import { useSettling } from './use-settling';

/** Back from checkout, the subscription is read until it runs, for at most this long. */
const CHECKOUT_WAIT_MS = 60_000;
/** Back from the portal, where anything may have changed, it is read for this long. */
const PORTAL_WAIT_MS = 15_000;

/** The organization's plan, what it costs, its usage and invoices; for owners, the ways to change it. */
export function BillingPage() {
  const { membership } = useShellContext();
  useDocumentTitle(`Billing · ${membership.name} · Plinth`);
  const [params, setParams] = useSearchParams();
  const checkoutOutcome = params.get(CHECKOUT_PARAM);
  const fromPortal = params.get(PORTAL_PARAM) === 'returned';
  const checkoutWait = useSettling(CHECKOUT_WAIT_MS, checkoutOutcome === 'success');
  const portalWait = useSettling(PORTAL_WAIT_MS, fromPortal);
  const subscription = useSubscription(membership.organizationId, {
    returning: checkoutOutcome === 'success' || fromPortal,
    pollWhile: (current) => portalWait.settling || (checkoutWait.settling && !(current && isLive(current))),
  });
  const dismissCheckout = () =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        next.delete(CHECKOUT_PARAM);
        return next;
      },
      { replace: true },
    );

  return (
    <Container size="lg">
      <Stack gap="lg">
        <PageHeader title="Billing" description={`The plan of ${membership.name}, its payments and invoices.`} />
        {subscription.isPending && <Loader size="sm" aria-label="Loading the subscription" />}
        {subscription.isError && <QueryFailure title="The subscription could not be loaded" query={subscription} />}
        {subscription.isSuccess && (
          <>
            {subscription.data.sandbox && <SandboxLabel />}
            <CheckoutReturn
              outcome={checkoutOutcome}
              subscription={subscription.data}
              waiting={checkoutWait.settling}
              onDismiss={dismissCheckout}
            />
            <SubscriptionSections subscription={subscription.data} />
          </>
        )}
        <UsageSection />
        {subscription.isSuccess && <ApiCallsOverage subscription={subscription.data} />}
        <InvoicesSection />
      </Stack>
    </Container>
  );
}

function SubscriptionSections({ subscription }: { subscription: Subscription }) {
  const { membership } = useShellContext();
  const canManage = useCan('billing:manage');
  const { organizationId, slug } = membership;
  const hasCustomer = subscription.stripeCustomerId !== null;
  const live = isLive(subscription);
  return (
    <>
      <BillingNotices
        subscription={subscription}
        organizationName={membership.name}
        paymentAction={
          canManage && hasCustomer ? (
            <ManageBillingButton organizationId={organizationId} slug={slug} label="Update payment method" variant="filled" color="red" />
          ) : null
        }
      />
      <SectionCard title="Your plan">
        <SubscriptionOverview subscription={subscription} />
        {canManage ? (
          (hasCustomer || live) && (
            <Group gap="sm">
              {hasCustomer && <ManageBillingButton organizationId={organizationId} slug={slug} />}
              {live && !subscription.cancelAtPeriodEnd && (
                <CancelSubscriptionButton organizationId={organizationId} subscription={subscription} />
              )}
            </Group>
          )
        ) : (
          <Text size="sm" c="dimmed">
            Only an owner can change the plan or the payment details.
          </Text>
        )}
      </SectionCard>
      {canManage && !live && (
        <SectionCard title="Upgrade" description="More sites, posts, people and storage. Prices are in US dollars; cancel any time.">
          <PlanPicker organizationId={organizationId} slug={slug} trialAvailable={subscription.trialAvailable} />
        </SectionCard>
      )}
    </>
  );
}

function UsageSection() {
  const canReadQuotas = useCan('quotas:read');
  return canReadQuotas ? <UsageCard /> : null;
}

function UsageCard() {
  const { membership } = useShellContext();
  const status = useQuotaStatus(membership.organizationId);
  return (
    <SectionCard title="Usage against your plan">
      {status.isPending && <Loader size="sm" aria-label="Loading usage" />}
      {status.isError && <QueryFailure title="Usage could not be loaded" query={status} />}
      {status.isSuccess && <UsageMeters status={status.data} />}
    </SectionCard>
  );
}

function InvoicesSection() {
  const { membership } = useShellContext();
  const invoices = useInvoices(membership.organizationId);
  return (
    <SectionCard title="Invoices" description="Newest first.">
      {invoices.isPending && <Loader size="sm" aria-label="Loading invoices" />}
      {invoices.isError && <QueryFailure title="Invoices could not be loaded" query={invoices} />}
      {invoices.isSuccess && (
        <Stack>
          <InvoicesTable invoices={allItems(invoices.data.pages)} />
          <LoadMoreButton query={invoices} />
        </Stack>
      )}
    </SectionCard>
  );
}
