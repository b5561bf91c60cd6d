import { Button, Group, Stack } from '@mantine/core';
import { useState } from 'react';
import { showApiFailure } from '../../ui/api-failure';
import { FormAlert } from '../../ui/form-alert';
import { notifySuccess } from '../../ui/notify';
import { useShellContext } from '../shell/shell-context';
import { EndpointFields, useEndpointForm, type EndpointValues } from './endpoint-fields';
import { inCatalogOrder } from './webhook-events';
import { useUpdateWebhookEndpoint, type WebhookEndpoint, type WebhookEndpointChanges } from './webhooks-queries';

/** Changes the URL, description or events; sends only what changed. Remounted (keyed by `updatedAt`) when the endpoint changes. */
export function EditWebhookEndpointForm({ endpoint }: { endpoint: WebhookEndpoint }) {
  const { membership } = useShellContext();
  const update = useUpdateWebhookEndpoint(membership.organizationId, endpoint.id);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useEndpointForm(valuesOf(endpoint));

  const submit = form.onSubmit((values) => {
    setFailure(null);
    const changes = changesFrom(endpoint, values);
    if (Object.keys(changes).length === 0) return;
    update.mutate(changes, {
      onSuccess: () => {
        notifySuccess('Endpoint saved', 'The next events go out with the new settings.');
      },
      onError: (error) => setFailure(showApiFailure(form, error)),
    });
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Change the webhook endpoint">
      <Stack>
        <EndpointFields form={form} />
        <FormAlert message={failure} />
        <Group>
          <Button type="submit" loading={update.isPending} disabled={!form.isDirty()}>
            Save changes
          </Button>
          <Button variant="default" onClick={() => form.reset()} disabled={update.isPending || !form.isDirty()}>
            Undo changes
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function valuesOf(endpoint: WebhookEndpoint): EndpointValues {
  return { url: endpoint.url, description: endpoint.description ?? '', events: inCatalogOrder(endpoint.events) };
}

function changesFrom(endpoint: WebhookEndpoint, values: EndpointValues): WebhookEndpointChanges {
  const url = values.url.trim();
  const description = values.description.trim() || null;
  const events = inCatalogOrder(values.events);
  const sameEvents = events.length === endpoint.events.length && events.every((event) => endpoint.events.includes(event));
  return {
    ...(url !== endpoint.url && { url }),
    ...(description !== endpoint.description && { description }),
    ...(!sameEvents && { events }),
  };
}
