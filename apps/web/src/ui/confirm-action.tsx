import { Button, Group, Modal, Stack, Text, type ButtonProps } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';
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
  color?: ButtonProps['color'];
  size?: ButtonProps['size'];
  variant?: ButtonProps['variant'];
}

/** A button for an action that cannot be undone: it asks first, and shows a failure inside the dialog. */
export function ConfirmAction({ label, ariaLabel, title, children, confirmLabel, onConfirm, ...button }: Props) {
  const [opened, { open, close }] = useDisclosure(false);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const confirm = async () => {
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

  return (
    <>
      <Button color="red" variant="light" {...button} aria-label={ariaLabel} onClick={open}>
        {label}
      </Button>
      <Modal opened={opened} onClose={close} title={title} centered>
        <Stack>
          <Text size="sm">{children}</Text>
          <FormAlert message={failure} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={pending}>
              Cancel
            </Button>
            <Button color={button.color ?? 'red'} loading={pending} onClick={() => void confirm()}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
