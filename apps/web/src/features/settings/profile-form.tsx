import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { showApiFailure } from '../../ui/api-failure';
import { FormAlert } from '../../ui/form-alert';
import { notifySuccess } from '../../ui/notify';
import { SectionCard } from '../../ui/section-card';
import { useShellContext } from '../shell/shell-context';
import { useUpdateProfile } from './account-queries';

function checkName(value: string): string | null {
  if (value.trim().length === 0) return 'Enter your name';
  return value.trim().length > 100 ? 'At most 100 characters' : null;
}

/** The name other members see beside your address. */
export function ProfileForm() {
  const { me } = useShellContext();
  const update = useUpdateProfile();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({ initialValues: { name: me.user.name }, validate: { name: checkName } });

  const submit = form.onSubmit(({ name }) => {
    setFailure(null);
    update.mutate(
      { name: name.trim() },
      {
        onSuccess: ({ user }) => {
          form.resetDirty({ name: user.name });
          notifySuccess('Name saved', `You appear as ${user.name}.`);
        },
        onError: (error) => setFailure(showApiFailure(form, error)),
      },
    );
  });

  return (
    <SectionCard title="Profile" description="How other members see you.">
      <form onSubmit={submit} noValidate aria-label="Profile">
        <Stack>
          <TextInput label="Your name" required autoComplete="name" {...form.getInputProps('name')} />
          <FormAlert message={failure} />
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending} disabled={!form.isDirty()}>
              Save name
            </Button>
          </Group>
        </Stack>
      </form>
    </SectionCard>
  );
}
