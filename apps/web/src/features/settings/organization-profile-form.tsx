import { Button, Fieldset, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { showApiFailure } from '../../ui/api-failure';
import { FormAlert } from '../../ui/form-alert';
import { notifySuccess } from '../../ui/notify';
import { checkLogoUrl, checkOrganizationName, checkSlug, SLUG_RULE } from './organization-rules';
import { useUpdateOrganization, type Organization, type OrganizationChanges } from './organization-queries';

type Values = {
  name: string;
  slug: string;
  logoUrl: string;
};

interface Props {
  organization: Organization;
  /** For members without settings:manage: the values, without a way to change them. */
  readOnly: boolean;
}

export function OrganizationProfileForm({ organization, readOnly }: Props) {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const update = useUpdateOrganization(organization.id);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: { name: organization.name, slug: organization.slug, logoUrl: organization.logoUrl ?? '' },
    validate: { name: checkOrganizationName, slug: checkSlug, logoUrl: checkLogoUrl },
  });

  const submit = form.onSubmit((values) => {
    setFailure(null);
    const changes = changesOf(organization, values);
    if (Object.keys(changes).length === 0) return;
    update.mutate(changes, {
      onSuccess: (updated) => {
        form.setValues({ name: updated.name, slug: updated.slug, logoUrl: updated.logoUrl ?? '' });
        form.resetDirty({ name: updated.name, slug: updated.slug, logoUrl: updated.logoUrl ?? '' });
        notifySuccess('Settings saved', `${updated.name} is up to date.`);
        if (updated.slug !== organization.slug) {
          // The address follows the slug. Synchronously, so no render sees the old address with the renamed organization.
          void navigate(pathname.replace(`/o/${organization.slug}`, `/o/${updated.slug}`), { replace: true, flushSync: true });
        }
      },
      onError: (error) => setFailure(showApiFailure(form, error)),
    });
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Organization settings">
      <Fieldset variant="unstyled" disabled={readOnly}>
        <Stack>
          <TextInput label="Organization name" required={!readOnly} {...form.getInputProps('name')} />
          <TextInput
            label="Slug"
            required={!readOnly}
            description={`Its address: ${window.location.origin}/o/${form.values.slug || '…'}. Use ${SLUG_RULE}; links to the old address stop working.`}
            autoComplete="off"
            spellCheck={false}
            {...form.getInputProps('slug')}
          />
          <TextInput
            label="Logo URL"
            placeholder="https://example.com/logo.png"
            description="An https address of an image. Leave empty for no logo."
            autoComplete="off"
            {...form.getInputProps('logoUrl')}
          />
          <FormAlert message={failure} />
          {!readOnly && (
            <Group justify="flex-end">
              <Button type="submit" loading={update.isPending} disabled={!form.isDirty()}>
                Save changes
              </Button>
            </Group>
          )}
        </Stack>
      </Fieldset>
    </form>
  );
}

/** Only what changed; an emptied logo is removed (null). */
function changesOf(organization: Organization, values: Values): OrganizationChanges {
  const name = values.name.trim();
  const slug = values.slug.trim();
  const logoUrl = values.logoUrl.trim() || null;
  return {
    ...(name !== organization.name ? { name } : {}),
    ...(slug !== organization.slug ? { slug } : {}),
    ...(logoUrl !== organization.logoUrl ? { logoUrl } : {}),
  };
}
