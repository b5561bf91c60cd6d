import type { Permission } from '../../api/use-me';
import { organizationPath } from '../auth/sign-in-destination';
import type { Onboarding } from './dashboard-queries';

export type StepKey = keyof Onboarding;

export interface OnboardingStep {
  key: StepKey;
  /** What to do, as a link to where it is done. */
  label: string;
  /** Replaces the label once done, where the instruction would read oddly. */
  doneLabel?: string;
  hint: string;
  /** Relative to the organization's home; null when the step is done on the home page itself. */
  path: string | null;
  /** Who may take the step; others are told who can. */
  permission: Permission | null;
}

/** The first steps in a new organization, in the order a person takes them. */
export const ONBOARDING_STEPS: readonly OnboardingStep[] = [
  {
    key: 'emailVerified',
    label: 'Verify your email address',
    doneLabel: 'Email address verified',
    hint: 'Open the link we mailed you, so invitations, receipts and warnings reach you.',
    path: null,
    permission: null,
  },
  { key: 'siteCreated', label: 'Create a site', hint: 'A site holds your posts and media.', path: 'sites', permission: 'sites:create' },
  { key: 'postWritten', label: 'Write a post', hint: 'Open a site and write its first post.', path: 'sites', permission: 'posts:create' },
  {
    key: 'colleagueInvited',
    label: 'Invite a colleague',
    hint: 'They join with the role you choose.',
    path: 'members',
    permission: 'members:invite',
  },
  {
    key: 'apiKeyCreated',
    label: 'Create an API key',
    hint: 'Programs use it to call the Plinth API for this organization.',
    path: 'api-keys',
    permission: 'apikeys:manage',
  },
  {
    key: 'apiCalled',
    label: 'Try the API',
    hint: 'Send a first request with your key; the quick start has one to copy.',
    path: 'api-keys#quick-start',
    permission: 'apikeys:manage',
  },
];

export function stepPath(slug: string, step: OnboardingStep): string | null {
  return step.path === null ? null : `${organizationPath(slug)}/${step.path}`;
}
