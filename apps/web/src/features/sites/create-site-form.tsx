import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { showApiFailure } from '../../ui/api-failure';
import { FormAlert } from '../../ui/form-alert';
import { notifySuccess } from '../../ui/notify';
import { isPlanRefusal } from '../../ui/plan-feature-unavailable';
import { SectionCard } from '../../ui/section-card';
import { useCurrentPlan } from '../billing/current-plan';
import { useShellContext } from '../shell/shell-context';
import { checkDomain, checkSiteName, normalizeDomain } from './site-rules';
import { SitePlanAlert } from './site-plan-alert';
import { useCreateSite, type SiteInput } from './sites-queries';

// A type alias, not an interface: form helpers take it as a Record<string, unknown>.
type Values = {
  name: string;
  domain: string;
};

export function CreateSiteForm() {
  const { membership } = useShellContext();
  const createSite = useCreateSite(membership.organizationId);
  const offersDomains = useCurrentPlan(membership.planTier)?.features.customDomains === true;
  const [failure, setFailure] = useState<string | null>(null);
  const [planRefusal, setPlanRefusal] = useState<unknown>(null);
  const form = useForm<Values>({
    initialValues: { name: '', domain: '' },
    validate: { name: checkSiteName, domain: checkDomain },
  });

  const submit = form.onSubmit((values) => {
    setFailure(null);
    setPlanRefusal(null);
    createSite.mutate(toCreateBody(values), {
      onSuccess: (site) => {
        notifySuccess('Site created', `“${site.name}” is ready for posts.`);
        form.reset();
      },
      onError: (error) => {
        if (isPlanRefusal(error)) setPlanRefusal(error);
        else setFailure(showApiFailure(form, error));
      },
    });
  });

  return (
    <SectionCard
      title="Create a site"
      description={
        offersDomains
          ? 'A site holds its own posts and media. Give it a custom domain now or later.'
          : 'A site holds its own posts and media.'
      }
    >
      <form onSubmit={submit} noValidate aria-label="Create a site">
        <Stack>
          <Group align="flex-start" wrap="wrap">
            <TextInput label="Site name" placeholder="Company blog" required flex="1 1 240px" {...form.getInputProps('name')} />
            {offersDomains && (
              <TextInput
                label="Domain"
                placeholder="blog.example.com"
                autoComplete="off"
                flex="1 1 240px"
                {...form.getInputProps('domain')}
              />
            )}
            <Button type="submit" loading={createSite.isPending} mt={25}>
              Create site
            </Button>
          </Group>
          <SitePlanAlert error={planRefusal} />
          <FormAlert message={failure} />
        </Stack>
      </form>
    </SectionCard>
  );
}

function toCreateBody(values: Values): SiteInput {
  const domain = normalizeDomain(values.domain);
  return { name: values.name.trim(), ...(domain ? { domain } : {}) };
}
