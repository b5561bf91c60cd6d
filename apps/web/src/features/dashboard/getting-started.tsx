import { Anchor, Group, Loader, Progress, Stack, Text, ThemeIcon, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router';
import { permits } from '../shell/navigation';
import { useShellContext } from '../shell/shell-context';
import { QueryFailure } from '../../ui/query-failure';
import { SectionCard } from '../../ui/section-card';
import { useOnboarding, type Onboarding } from './dashboard-queries';
import { ONBOARDING_STEPS, stepPath, type OnboardingStep } from './onboarding-steps';
import { ResendVerificationButton } from './resend-verification-button';

/** The first steps in the organization, each ticked as the API reports it done, with a link to where it is done. */
export function GettingStarted() {
  const { me, membership } = useShellContext();
  const onboarding = useOnboarding(membership.organizationId);
  // The address is the person's own: /auth/me knows it even while the organization's steps load, or if they cannot.
  const done = (step: OnboardingStep): boolean | null =>
    step.key === 'emailVerified' ? me.user.emailVerified || onboarding.data?.emailVerified === true : doneOf(onboarding.data, step);
  const doneCount = ONBOARDING_STEPS.filter((step) => done(step) === true).length;
  const allDone = doneCount === ONBOARDING_STEPS.length;
  return (
    <SectionCard
      title={allDone ? 'You are all set' : 'Getting started'}
      description={allDone ? `Every first step in ${membership.name} is done.` : `A few first steps to get ${membership.name} going.`}
    >
      <Stack gap={6}>
        <Group justify="space-between">
          <Text size="sm" fw={500} data-testid="onboarding-progress">
            {doneCount} of {ONBOARDING_STEPS.length} done
          </Text>
          {onboarding.isFetching && <Loader size="xs" aria-label="Checking your progress" />}
        </Group>
        <Progress value={(doneCount / ONBOARDING_STEPS.length) * 100} color="teal" aria-label="Getting started progress" />
      </Stack>
      <Stack component="ol" gap="md" p={0} m={0} aria-label="Getting started" style={{ listStyle: 'none' }}>
        {ONBOARDING_STEPS.map((step, index) => (
          <Step key={step.key} step={step} number={index + 1} done={done(step)} />
        ))}
      </Stack>
      {onboarding.isError && <QueryFailure title="Your progress could not be loaded" query={onboarding} />}
    </SectionCard>
  );
}

function doneOf(onboarding: Onboarding | undefined, step: OnboardingStep): boolean | null {
  return onboarding ? onboarding[step.key] : null;
}

/** `done` is null while unknown (loading, or not loaded). */
function Step({ step, number, done }: { step: OnboardingStep; number: number; done: boolean | null }) {
  const { membership } = useShellContext();
  const allowed = permits(membership.permissions, step.permission);
  const path = stepPath(membership.slug, step);
  const label = done && step.doneLabel ? step.doneLabel : step.label;
  return (
    <Group
      component="li"
      gap="sm"
      wrap="nowrap"
      align="flex-start"
      data-testid={`onboarding-${step.key}`}
      data-done={done === null ? 'unknown' : String(done)}
    >
      <ThemeIcon radius="xl" size="md" variant={done ? 'filled' : 'light'} color={done ? 'teal' : 'gray'} aria-hidden>
        {done ? '✓' : number}
      </ThemeIcon>
      <Stack gap={2} style={{ flex: 1 }}>
        <Text fw={600} td={done ? 'line-through' : undefined} c={done ? 'dimmed' : undefined}>
          {!done && allowed && path ? (
            <Anchor component={Link} to={path} fw={600}>
              {label}
            </Anchor>
          ) : (
            label
          )}
          <VisuallyHidden component="span">{done === null ? '' : done ? ' (done)' : ' (not done yet)'}</VisuallyHidden>
        </Text>
        {!done && (
          <Text size="sm" c="dimmed">
            {allowed ? step.hint : `${step.hint} Your role here does not include it.`}
          </Text>
        )}
        {!done && step.key === 'emailVerified' && <ResendVerificationButton />}
        {step.key === 'apiCalled' && !done && allowed && (
          <Anchor href="/api/docs" target="_blank" rel="noopener" size="sm">
            Browse the API reference
          </Anchor>
        )}
      </Stack>
    </Group>
  );
}
