import { Button, Group, Modal, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { showApiFailure } from '../../ui/api-failure';
import { FormAlert } from '../../ui/form-alert';
import { formatDate } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { useCancelSubscription, type Subscription } from './billing-queries';
import { usePlanName } from './current-plan';

/** The contract's limit on `feedback` (CancelRequestDto). */
const FEEDBACK_MAX = 1000;

type When = 'period-end' | 'now';
type Values = { when: When; feedback: string };

interface Props {
  organizationId: string;
  subscription: Subscription;
}

/** Cancels after asking: at the end of the period unless the owner chooses now, with an optional reason. */
export function CancelSubscriptionButton({ organizationId, subscription }: Props) {
  const [opened, { open, close }] = useDisclosure(false);
  const cancel = useCancelSubscription(organizationId);
  const planName = usePlanName(subscription.planTier);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: { when: 'period-end', feedback: '' },
    validate: { feedback: (value) => (value.trim().length > FEEDBACK_MAX ? `At most ${FEEDBACK_MAX} characters` : null) },
  });
  const periodEnd = subscription.currentPeriodEnd ? formatDate(subscription.currentPeriodEnd) : null;

  const openDialog = () => {
    form.reset();
    setFailure(null);
    open();
  };

  const submit = form.onSubmit(({ when, feedback }) => {
    setFailure(null);
    const reason = feedback.trim();
    cancel.mutate(
      { cancelAtPeriodEnd: when === 'period-end', ...(reason ? { feedback: reason } : {}) },
      {
        onSuccess: () => {
          close();
          notifySuccess(
            'Subscription canceled',
            when === 'period-end' && periodEnd ? `${planName} stays until ${periodEnd}.` : 'The Free plan applies from now on.',
          );
        },
        onError: (error) => setFailure(showApiFailure(form, error)),
      },
    );
  });

  return (
    <>
      <Button color="red" variant="light" onClick={openDialog}>
        Cancel subscription
      </Button>
      <Modal opened={opened} onClose={close} title="Cancel the subscription?" centered>
        <form onSubmit={submit} noValidate aria-label="Cancel the subscription">
          <Stack>
            <Radio.Group label="When" {...form.getInputProps('when')}>
              <Stack gap="xs" mt={6}>
                <Radio
                  value="period-end"
                  label={periodEnd ? `At the end of the period, on ${periodEnd}` : 'At the end of the period'}
                  description={`${planName} keeps working until then.`}
                />
                <Radio value="now" label="Now" description="The Free plan applies at once; the rest of the period is not refunded." />
              </Stack>
            </Radio.Group>
            <Textarea
              label="Why are you canceling?"
              description="Optional. It helps us improve."
              autosize
              minRows={2}
              {...form.getInputProps('feedback')}
            />
            <Text size="sm" c="dimmed">
              Over the Free plan&apos;s limits, your data stays readable and deletable, but nothing more can be added.
            </Text>
            <FormAlert message={failure} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close} disabled={cancel.isPending}>
                Keep subscription
              </Button>
              <Button type="submit" color="red" loading={cancel.isPending}>
                Cancel subscription
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
