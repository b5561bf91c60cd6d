import { unwrap, type Schemas } from '@plinth/api-client';
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './query-keys';

export type Deployment = Schemas['VersionDto'];

/** The running build and its mode (public): a single-tenant deployment has no marketing pages or plans. */
export function useDeployment() {
  return useQuery({ queryKey: queryKeys.deployment, queryFn: () => unwrap(api.GET('/api/v1/version')), staleTime: Infinity });
}
