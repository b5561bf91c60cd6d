import { Button, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { GRANTABLE_ROLES, roleOptions, type GrantableRole } from '../../api/roles';
import { showApiFailure } from '../../ui/api-failure';
import { FormAlert } from '../../ui/form-alert';
import { useShellContext } from '../shell/shell-context';
import { useCreateApiKey, type ApiKeyInput, type CreatedApiKey } from './api-keys-queries';
import { checkExpiry, endOfDayIso, todayInputValue } from './key-expiry';

// A type alias, not an interface: form helpers take it as a Record<string, unknown>.
type Values = {
  name: string;
  role: GrantableRole;
  expiresAt: string;
};

export function CreateApiKeyForm({ onCreated }: { onCreated: (key: CreatedApiKey) => void }) {
  const { membership } = useShellContext();
  const createKey = useCreateApiKey(membership.organizationId);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: { name: '', role: 'viewer', expiresAt: '' },
    validate: {
      name: checkKeyName,
      expiresAt: (day) => checkExpiry(day),
    },
  });

  const submit = form.onSubmit((values) => {
    setFailure(null);
    createKey.mutate(toCreateBody(values), {
      onSuccess: (created) => {
        form.reset();
        onCreated(created);
      },
      onError: (error) => setFailure(showApiFailure(form, error)),
    });
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Create an API key">
      <Stack>
        <Group align="flex-start" wrap="wrap">
          <TextInput label="Name" placeholder="CI deploys" required flex="1 1 220px" {...form.getInputProps('name')} />
          <NativeSelect label="Role" data={roleOptions(GRANTABLE_ROLES)} w={160} {...form.getInputProps('role')} />
          <TextInput label="Expires on" type="date" min={todayInputValue()} w={180} {...form.getInputProps('expiresAt')} />
        </Group>
        <FormAlert message={failure} />
        <Group>
          <Button type="submit" loading={createKey.isPending}>
            Create key
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function checkKeyName(name: string): string | null {
  if (name.trim() === '') return 'Name the key after what uses it';
  return name.trim().length > 100 ? 'Use up to 100 characters' : null;
}

function toCreateBody(values: Values): ApiKeyInput {
  return {
    name: values.name.trim(),
    role: values.role,
    ...(values.expiresAt ? { expiresAt: endOfDayIso(values.expiresAt) } : {}),
  };
}
