import { Navigate, Outlet } from 'react-router';
import { useDeployment } from '../../api/use-deployment';
import { useIsSignedIn } from '../../api/use-session';

/**
 * The landing and pricing pages sell plans: a single-tenant deployment
 * (MULTI_TENANT_ENABLED=false) has none, so they lead into the product instead.
 */
export function MultiTenantOnly() {
  const deployment = useDeployment();
  const signedIn = useIsSignedIn();
  if (deployment.data?.multiTenant === false) return <Navigate to={signedIn ? '/o' : '/login'} replace />;
  return <Outlet />;
}
