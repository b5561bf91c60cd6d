import { Button, Checkbox, Group, NativeSelect, NumberInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { showApiFailure } from '../../ui/api-failure';
import { FormAlert } from '../../ui/form-alert';
import { notifySuccess } from '../../ui/notify';
import { DIMENSIONS, dimensionLabel, formatLimit } from './quota-dimensions';
import { useSetQuotaOverride, type AdminOrganization, type Dimension } from './platform-queries';

interface Values extends Record<string, unknown> {
  dimension: Dimension;
  unlimited: boolean;
  limit: number | string;
}

interface Props {
  organization: AdminOrganization;
  onDone: () => void;
}

/** A custom limit for one dimension of one organization (an enterprise contract's, say); audited in its log. */
export function QuotaOverrideForm({ organization, onDone }: Props) {
  const [failure, setFailure] = useState<string | null>(null);
  const setOverride = useSetQuotaOverride(organization.id);
  const form = useForm<Values>({
    initialValues: { dimension: 'sites', unlimited: false, limit: '' },
    validate: {
      limit: (value, values) =>
        values.unlimited || (typeof value === 'number' && Number.isInteger(value) && value >= 0) ? null : 'Enter a whole number, 0 or more',
    },
  });
  const submit = form.onSubmit(({ dimension, unlimited, limit }) => {
    setFailure(null);
    const value = unlimited ? null : Number(limit);
    setOverride.mutate(
      { dimension, limit: value },
      {
        onSuccess: () => {
          notifySuccess('Limit set', `${organization.name}: ${dimensionLabel(dimension)} now ${formatLimit(dimension, value)}.`);
          onDone();
        },
        onError: (error) => setFailure(showApiFailure(form, error)),
      },
    );
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Set a custom limit">
      <Stack>
        <FormAlert message={failure} />
        <NativeSelect label="Limit" data={DIMENSIONS.map(({ value, label }) => ({ value, label }))} {...form.getInputProps('dimension')} />
        <Checkbox label="Unlimited" {...form.getInputProps('unlimited', { type: 'checkbox' })} />
        <NumberInput
          label="Custom limit"
          min={0}
          allowDecimal={false}
          allowNegative={false}
          thousandSeparator=","
          disabled={form.getValues().unlimited}
          {...form.getInputProps('limit')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={setOverride.isPending}>
            Set limit
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
