import { Button, Group } from '@mantine/core';
import { useNavigate } from 'react-router';
import { ConfirmAction } from '../../ui/confirm-action';
import { notifyFailure, notifySuccess } from '../../ui/notify';
import { useShellContext } from '../shell/shell-context';
import { TEST_EVENT_TYPE } from './webhook-events';
import { webhooksPath } from './webhook-paths';
import {
  useDeleteWebhookEndpoint,
  useRotateWebhookSecret,
  useSendTestEvent,
  useUpdateWebhookEndpoint,
  type EndpointWithSecret,
  type WebhookEndpoint,
} from './webhooks-queries';

interface Props {
  endpoint: WebhookEndpoint;
  /** The rotated endpoint with its new secret, to be shown once. */
  onRotated: (rotated: EndpointWithSecret) => void;
}

/** What can be done to one endpoint: test it, stop or restart it, rotate its secret, delete it. */
export function EndpointActions({ endpoint, onRotated }: Props) {
  return (
    <Group gap="sm" wrap="wrap">
      <SendTestEventButton endpoint={endpoint} />
      <EnableButton endpoint={endpoint} />
      <RotateSecretButton endpoint={endpoint} onRotated={onRotated} />
      <DeleteEndpointButton endpoint={endpoint} />
    </Group>
  );
}

function SendTestEventButton({ endpoint }: { endpoint: WebhookEndpoint }) {
  const { membership } = useShellContext();
  const sendTest = useSendTestEvent(membership.organizationId, endpoint.id);
  const send = () =>
    sendTest.mutate(undefined, {
      onSuccess: () =>
        notifySuccess('Test event sent', `A ${TEST_EVENT_TYPE} event is on its way to the endpoint; it shows in the delivery log.`),
      onError: (error) => notifyFailure('The test event was not sent', error),
    });
  return (
    <Button onClick={send} loading={sendTest.isPending} disabled={!endpoint.enabled}>
      Send test event
    </Button>
  );
}

/** Disabling stops deliveries at once; enabling starts them again and forgets past failures. */
function EnableButton({ endpoint }: { endpoint: WebhookEndpoint }) {
  const { membership } = useShellContext();
  const update = useUpdateWebhookEndpoint(membership.organizationId, endpoint.id);
  const enabled = endpoint.enabled;
  const toggle = () =>
    update.mutate(
      { enabled: !enabled },
      {
        onSuccess: () =>
          enabled
            ? notifySuccess('Endpoint disabled', 'Nothing is sent to it until it is enabled again.')
            : notifySuccess('Endpoint enabled', 'It receives its events again from now on.'),
        onError: (error) => notifyFailure(enabled ? 'The endpoint was not disabled' : 'The endpoint was not enabled', error),
      },
    );
  return (
    <Button variant={enabled ? 'default' : 'light'} color={enabled ? undefined : 'teal'} loading={update.isPending} onClick={toggle}>
      {enabled ? 'Disable' : 'Enable'}
    </Button>
  );
}

function RotateSecretButton({ endpoint, onRotated }: Props) {
  const { membership } = useShellContext();
  const rotate = useRotateWebhookSecret(membership.organizationId, endpoint.id);
  return (
    <ConfirmAction
      label="Rotate secret"
      title="Rotate the signing secret?"
      confirmLabel="Rotate secret"
      color="orange"
      variant="default"
      onConfirm={async () => onRotated(await rotate.mutateAsync())}
    >
      Plinth makes a new secret and shows it once. For 24 hours both secrets are valid: every delivery carries a signature by each, so the
      receiver keeps working while you give it the new one. After that, only the new secret signs.
    </ConfirmAction>
  );
}

function DeleteEndpointButton({ endpoint }: { endpoint: WebhookEndpoint }) {
  const { membership } = useShellContext();
  const deleteEndpoint = useDeleteWebhookEndpoint(membership.organizationId);
  const navigate = useNavigate();
  const remove = async () => {
    await deleteEndpoint.mutateAsync(endpoint.id);
    notifySuccess('Endpoint deleted', `Nothing more is sent to ${endpoint.url}.`);
    void navigate(webhooksPath(membership.slug));
  };
  return (
    <ConfirmAction
      label="Delete"
      ariaLabel="Delete the endpoint"
      title="Delete this endpoint?"
      confirmLabel="Delete endpoint"
      onConfirm={remove}
    >
      Nothing more is sent to <span style={{ overflowWrap: 'anywhere' }}>{endpoint.url}</span>, including retries of deliveries still
      pending, and its delivery log is deleted with it. This cannot be undone.
    </ConfirmAction>
  );
}
