import { sitePath } from '../sites/site-paths';

/** The read view of one post: /o/:orgSlug/sites/:siteId/posts/:postId. */
export function postPath(organizationSlug: string, siteId: string, postId: string): string {
  return `${sitePath(organizationSlug, siteId)}/posts/${postId}`;
}
