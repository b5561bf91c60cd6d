import { Navigate, Outlet, useLocation } from 'react-router';
import { useIsSignedIn } from '../../api/use-session';

/** Signed-out visitors go to /login, which brings them back here afterwards. */
export function RequireSession() {
  const signedIn = useIsSignedIn();
  const location = useLocation();
  if (signedIn) return <Outlet />;
  const next = encodeURIComponent(`${location.pathname}${location.search}`);
  return <Navigate to={`/login?next=${next}`} replace />;
}
