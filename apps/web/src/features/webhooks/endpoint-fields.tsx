import { Stack, TextInput, Textarea } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { checkDescription, checkEndpointUrl, checkEvents, DESCRIPTION_MAX, URL_MAX } from './endpoint-rules';
import { EventPicker } from './event-picker';

// A type alias, not an interface: form helpers take it as a Record<string, unknown>.
export type EndpointValues = {
  url: string;
  description: string;
  events: string[];
};

export const EMPTY_ENDPOINT: EndpointValues = { url: '', description: '', events: [] };

/** The endpoint form's state, checked as the API checks it before anything is sent. */
export function useEndpointForm(initialValues: EndpointValues) {
  return useForm<EndpointValues>({
    initialValues,
    validate: {
      url: checkEndpointUrl,
      description: checkDescription,
      events: checkEvents,
    },
  });
}

/** URL, description and events: the same fields to add an endpoint and to change one. */
export function EndpointFields({ form }: { form: UseFormReturnType<EndpointValues> }) {
  const events = form.getInputProps('events');
  return (
    <Stack>
      <TextInput
        label="Endpoint URL"
        description="Plinth POSTs each event here as JSON, signed with the endpoint’s secret."
        placeholder="https://example.com/webhooks/plinth"
        type="url"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        maxLength={URL_MAX}
        required
        {...form.getInputProps('url')}
      />
      <Textarea
        label="Description"
        description="Optional: what receives the events, for whoever reads this list later."
        placeholder="Rebuild the static site"
        autosize
        minRows={1}
        maxRows={4}
        maxLength={DESCRIPTION_MAX}
        {...form.getInputProps('description')}
      />
      <EventPicker value={form.getValues().events} onChange={(picked) => form.setFieldValue('events', picked)} error={events.error} />
    </Stack>
  );
}
