import { Alert, Button, Group, Modal, Stack, Text, type ButtonProps } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useId, useState, type ReactNode } from 'react';
import { describeFailure } from './api-failure';
import { FormAlert } from './form-alert';

interface Props {
  /** The trigger's text, e.g. "Remove". */
  label: string;
  /** The trigger's accessible name when its text alone is ambiguous in a list, e.g. "Remove Ada". */
  ariaLabel?: string;
  title: string;
  /** What will happen, in a sentence or two. */
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<unknown>;
  /**
   * Why the action cannot succeed right now (e.g. "You are the last owner"):
   * the dialog says so and its confirm button stays disabled. Null when it can.
   */
  blockedReason?: ReactNode;
  color?: ButtonProps['color'];
  size?: ButtonProps['size'];
  variant?: ButtonProps['variant'];
}

/** A button for an action that cannot be undone: it asks first, and shows a failure inside the dialog. */
export function ConfirmAction({ label, ariaLabel, title, children, confirmLabel, onConfirm, blockedReason, ...button }: Props) {
  const [opened, { open, close }] = useDisclosure(false);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const reasonId = useId();
  const blocked = Boolean(blockedReason);

  const confirm = async () => {
    if (blocked) return;
    setPending(true);
    setFailure(null);
    try {
      await onConfirm();
      close();
    } catch (error) {
      setFailure(describeFailure(error));
    } finally {
      setPending(false);
    }
  };

  const openDialog = () => {
    setFailure(null);
    open();
  };

  return (
    <>
      <Button color="red" variant="light" {...button} aria-label={ariaLabel} onClick={openDialog}>
        {label}
      </Button>
      <Modal opened={opened} onClose={close} title={title} centered>
        <Stack>
          <Text size="sm">{children}</Text>
          {blocked && (
            <Alert color="yellow" variant="light" title="Not possible yet" id={reasonId} data-testid="confirm-blocked-reason">
              {blockedReason}
            </Alert>
          )}
          <FormAlert message={failure} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={pending}>
              {blocked ? 'Close' : 'Cancel'}
            </Button>
            <Button
              color={button.color ?? 'red'}
              loading={pending}
              disabled={blocked}
              aria-describedby={blocked ? reasonId : undefined}
              onClick={() => void confirm()}
            >
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
