import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { unwrap } from '@plinth/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useSwitchOrganization } from '../../api/auth-mutations';
import { callWithSession } from '../../api/call-with-session';
import { api } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import { showApiFailure } from '../../ui/api-failure';
import { FormAlert } from '../../ui/form-alert';
import { organizationPath } from '../auth/sign-in-destination';

interface Props {
  /** Called once the organization exists, as the page moves to it (e.g. to close the dialog the form is in). */
  onCreated?: () => void;
}

/** Starts an organization (the caller becomes its owner on the Free plan) and opens it. */
export function CreateOrganizationForm({ onCreated }: Props) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { mutateAsync: switchOrganization } = useSwitchOrganization();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    initialValues: { name: '' },
    validate: {
      name: (value) => (value.trim().length === 0 ? 'Name your organization' : value.length > 100 ? 'At most 100 characters' : null),
    },
  });
  const create = useMutation({
    mutationFn: async (name: string) => {
      const organization = await callWithSession(() => unwrap(api.POST('/api/v1/organizations', { body: { name } })));
      await switchOrganization(organization.id);
      await queryClient.invalidateQueries({ queryKey: queryKeys.me });
      return organization;
    },
    onSuccess: (organization) => {
      onCreated?.();
      // From /o (no organization yet) there is nothing to go back to; from the switcher, Back returns to the previous one.
      void navigate(organizationPath(organization.slug), { replace: !onCreated });
    },
    onError: (error) => setFailure(showApiFailure(form, error)),
  });
  return (
    <form
      onSubmit={form.onSubmit(({ name }) => {
        setFailure(null);
        create.mutate(name.trim());
      })}
      noValidate
    >
      <Stack w="100%" maw={360} mx="auto">
        <FormAlert message={failure} />
        <TextInput label="Organization name" data-autofocus {...form.getInputProps('name')} />
        <Group justify="center">
          <Button type="submit" loading={create.isPending}>
            Create organization
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
