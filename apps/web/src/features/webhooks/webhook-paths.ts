import { organizationPath } from '../auth/sign-in-destination';

export function webhooksPath(organizationSlug: string): string {
  return `${organizationPath(organizationSlug)}/webhooks`;
}

/** One endpoint: its settings, actions and delivery log. */
export function webhookEndpointPath(organizationSlug: string, endpointId: string): string {
  return `${webhooksPath(organizationSlug)}/${endpointId}`;
}
