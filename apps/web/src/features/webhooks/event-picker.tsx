import { Checkbox, Input, SimpleGrid, Stack, Text } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import { coversAllEvents, EVENT_DESCRIPTIONS, EVENT_GROUPS, inCatalogOrder, WEBHOOK_EVENT_TYPES } from './webhook-events';

interface Props {
  value: string[];
  onChange: (events: string[]) => void;
  error?: ReactNode;
}

/**
 * The events an endpoint receives: "All events" first (indeterminate while
 * only some are picked), then each event in its group, with when it is sent.
 */
export function EventPicker({ value, onChange, error }: Props) {
  const id = useId();
  const labelId = `${id}-label`;
  const descriptionId = `${id}-description`;
  const errorId = `${id}-error`;
  const all = coversAllEvents(value);

  const toggle = (event: string, checked: boolean) =>
    onChange(inCatalogOrder(checked ? [...value, event] : value.filter((picked) => picked !== event)));

  return (
    <Input.Wrapper
      label="Events"
      labelElement="div"
      labelProps={{ id: labelId }}
      description="Plinth sends this endpoint only the events picked here."
      descriptionProps={{ id: descriptionId }}
      error={error}
      errorProps={{ id: errorId }}
      required
    >
      <Stack
        gap="sm"
        mt="xs"
        role="group"
        aria-labelledby={labelId}
        aria-describedby={error ? `${descriptionId} ${errorId}` : descriptionId}
        data-testid="event-picker"
      >
        <Checkbox
          label="All events"
          description="Every event in the list below"
          checked={all}
          indeterminate={value.length > 0 && !all}
          onChange={(event) => onChange(event.currentTarget.checked ? [...WEBHOOK_EVENT_TYPES] : [])}
          fw={600}
        />
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md" verticalSpacing="md">
          {EVENT_GROUPS.map((group) => (
            <EventGroup key={group.label} label={group.label}>
              {group.events.map((event) => (
                <Checkbox
                  key={event}
                  value={event}
                  label={event}
                  description={EVENT_DESCRIPTIONS[event]}
                  checked={value.includes(event)}
                  onChange={(change) => toggle(event, change.currentTarget.checked)}
                  styles={{ label: { fontFamily: 'var(--mantine-font-family-monospace)', overflowWrap: 'anywhere' } }}
                />
              ))}
            </EventGroup>
          ))}
        </SimpleGrid>
      </Stack>
    </Input.Wrapper>
  );
}

function EventGroup({ label, children }: { label: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <Stack gap={6} role="group" aria-labelledby={headingId}>
      <Text id={headingId} size="xs" fw={700} c="dimmed" tt="uppercase">
        {label}
      </Text>
      {children}
    </Stack>
  );
}
