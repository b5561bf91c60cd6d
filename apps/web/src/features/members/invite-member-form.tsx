import { Button, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { isEmail, useForm } from '@mantine/form';
import { useState } from 'react';
import { GRANTABLE_ROLES, roleOptions, type GrantableRole } from '../../api/roles';
import { showApiFailure } from '../../ui/api-failure';
import { FormAlert } from '../../ui/form-alert';
import { notifySuccess } from '../../ui/notify';
import { quotaExceededOf, type QuotaExceeded } from '../../ui/quota-exceeded';
import { SectionCard } from '../../ui/section-card';
import { UpgradeAlert } from '../../ui/upgrade-alert';
import { useUpgradePath } from '../billing/upgrade-path';
import { useShellContext } from '../shell/shell-context';
import { useCreateInvite } from './organization-invites-queries';

export function InviteMemberForm() {
  const { membership } = useShellContext();
  const createInvite = useCreateInvite(membership.organizationId);
  const upgradePath = useUpgradePath();
  const [failure, setFailure] = useState<string | null>(null);
  const [quotaExceeded, setQuotaExceeded] = useState<QuotaExceeded | null>(null);
  const form = useForm({
    initialValues: { email: '', role: 'viewer' as GrantableRole },
    validate: { email: isEmail('Enter a valid email address') },
  });

  const submit = form.onSubmit((values) => {
    setFailure(null);
    setQuotaExceeded(null);
    const email = values.email.trim();
    createInvite.mutate(
      { email, role: values.role },
      {
        onSuccess: () => {
          notifySuccess('Invitation sent', `We emailed ${email} a link to join.`);
          form.reset();
        },
        onError: (error) => {
          const quota = quotaExceededOf(error);
          if (quota) setQuotaExceeded(quota);
          else setFailure(showApiFailure(form, error));
        },
      },
    );
  });

  return (
    <SectionCard title="Invite someone" description="They get an email with a link that works for 7 days.">
      <form onSubmit={submit} noValidate aria-label="Invite someone">
        <Stack>
          <Group align="flex-start" wrap="wrap">
            <TextInput label="Email" type="email" autoComplete="off" required flex="1 1 220px" miw={0} {...form.getInputProps('email')} />
            <NativeSelect label="Role" data={roleOptions(GRANTABLE_ROLES)} w={160} {...form.getInputProps('role')} />
            <Button type="submit" loading={createInvite.isPending} mt={25}>
              Send invite
            </Button>
          </Group>
          {quotaExceeded && (
            <UpgradeAlert quota={quotaExceeded} counted="users (members plus pending invitations)" upgradePath={upgradePath} />
          )}
          <FormAlert message={failure} />
        </Stack>
      </form>
    </SectionCard>
  );
}
