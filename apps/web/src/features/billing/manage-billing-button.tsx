import { Button, type ButtonProps } from '@mantine/core';
import { notifyFailure } from '../../ui/notify';
import { useOpenPortal } from './billing-queries';

interface Props {
  organizationId: string;
  slug: string;
  label?: string;
  variant?: ButtonProps['variant'];
  color?: ButtonProps['color'];
}

/** Opens the billing portal (payment method, plan, invoices), which returns to the billing page. */
export function ManageBillingButton({ organizationId, slug, label = 'Manage billing', variant = 'default', color }: Props) {
  const portal = useOpenPortal(organizationId, slug);
  return (
    <Button
      variant={variant}
      color={color}
      // Between the answer and the browser leaving for the portal, the button keeps its spinner.
      loading={portal.isPending || portal.isSuccess}
      onClick={() => portal.mutate(undefined, { onError: (error) => notifyFailure('The billing portal could not be opened', error) })}
    >
      {label}
    </Button>
  );
}
