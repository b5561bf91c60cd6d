import { Button, Group, Stack } from '@mantine/core';
import { useState } from 'react';
import { showApiFailure } from '../../ui/api-failure';
import { FormAlert } from '../../ui/form-alert';
import { planFeatureUnavailableOf, type PlanFeatureUnavailable } from '../../ui/plan-feature-unavailable';
import { useShellContext } from '../shell/shell-context';
import { EMPTY_ENDPOINT, EndpointFields, useEndpointForm, type EndpointValues } from './endpoint-fields';
import { inCatalogOrder } from './webhook-events';
import { useCreateWebhookEndpoint, type EndpointWithSecret, type WebhookEndpointInput } from './webhooks-queries';

interface Props {
  /** The new endpoint with its secret, to be shown once. */
  onCreated: (endpoint: EndpointWithSecret) => void;
  /** The API said the plan has no webhooks (the catalog did not know, or the plan changed meanwhile). */
  onPlanRefusal: (refusal: PlanFeatureUnavailable) => void;
}

export function CreateWebhookEndpointForm({ onCreated, onPlanRefusal }: Props) {
  const { membership } = useShellContext();
  const createEndpoint = useCreateWebhookEndpoint(membership.organizationId);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useEndpointForm(EMPTY_ENDPOINT);

  const submit = form.onSubmit((values) => {
    setFailure(null);
    createEndpoint.mutate(toCreateBody(values), {
      onSuccess: (created) => {
        form.reset();
        onCreated(created);
      },
      onError: (error) => {
        const refusal = planFeatureUnavailableOf(error);
        if (refusal) onPlanRefusal(refusal);
        else setFailure(showApiFailure(form, error));
      },
    });
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Add a webhook endpoint">
      <Stack>
        <EndpointFields form={form} />
        <FormAlert message={failure} />
        <Group>
          <Button type="submit" loading={createEndpoint.isPending}>
            Add endpoint
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function toCreateBody(values: EndpointValues): WebhookEndpointInput {
  const description = values.description.trim();
  return {
    url: values.url.trim(),
    events: inCatalogOrder(values.events),
    ...(description ? { description } : {}),
  };
}
