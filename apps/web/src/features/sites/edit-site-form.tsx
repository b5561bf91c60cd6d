import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { showApiFailure } from '../../ui/api-failure';
import { FormAlert } from '../../ui/form-alert';
import { notifySuccess } from '../../ui/notify';
import { isPlanRefusal } from '../../ui/plan-feature-unavailable';
import { useCurrentPlan } from '../billing/current-plan';
import { useShellContext } from '../shell/shell-context';
import { checkDomain, checkSiteName, normalizeDomain } from './site-rules';
import { SitePlanAlert } from './site-plan-alert';
import { useUpdateSite, type Site, type SiteChanges } from './sites-queries';

type Values = {
  name: string;
  domain: string;
};

interface Props {
  site: Site;
  onDone: () => void;
}

export function EditSiteForm({ site, onDone }: Props) {
  const { membership } = useShellContext();
  const updateSite = useUpdateSite(membership.organizationId, site.id);
  const offersDomains = useCurrentPlan(membership.planTier)?.features.customDomains === true;
  const [failure, setFailure] = useState<string | null>(null);
  const [planRefusal, setPlanRefusal] = useState<unknown>(null);
  const form = useForm<Values>({
    initialValues: { name: site.name, domain: site.domain ?? '' },
    validate: { name: checkSiteName, domain: checkDomain },
  });

  const submit = form.onSubmit((values) => {
    setFailure(null);
    setPlanRefusal(null);
    const changes = changesOf(site, values);
    if (Object.keys(changes).length === 0) return onDone();
    updateSite.mutate(changes, {
      onSuccess: (updated) => {
        notifySuccess('Site saved', `“${updated.name}” is up to date.`);
        onDone();
      },
      onError: (error) => {
        if (isPlanRefusal(error)) setPlanRefusal(error);
        else setFailure(showApiFailure(form, error));
      },
    });
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Edit the site">
      <Stack>
        <TextInput label="Site name" required data-autofocus {...form.getInputProps('name')} />
        {/* A domain set before a downgrade stays removable; only setting one needs the feature. */}
        {(offersDomains || site.domain !== null) && (
          <TextInput
            label="Domain"
            placeholder="blog.example.com"
            description="Leave empty for no custom domain."
            autoComplete="off"
            {...form.getInputProps('domain')}
          />
        )}
        <SitePlanAlert error={planRefusal} />
        <FormAlert message={failure} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone} disabled={updateSite.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={updateSite.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Only what changed: resending an unchanged domain would ask for custom domains again after a downgrade. */
function changesOf(site: Site, values: Values): SiteChanges {
  const name = values.name.trim();
  const domain = normalizeDomain(values.domain) || null;
  return {
    ...(name !== site.name ? { name } : {}),
    ...(domain !== site.domain ? { domain } : {}),
  };
}
