import { queryKeys } from '../../api/query-keys';

/**
 * Query keys of the content: everything of one site sits under that site's
 * key, so deleting the site drops its posts and media from the cache at once.
 */
export const siteKeys = {
  list: (organizationId: string) => queryKeys.organization(organizationId, 'sites', 'list'),
  site: (organizationId: string, siteId: string) => queryKeys.organization(organizationId, 'sites', siteId),
  posts: (organizationId: string, siteId: string) => [...siteKeys.site(organizationId, siteId), 'posts'] as const,
  post: (organizationId: string, siteId: string, postId: string) => [...siteKeys.site(organizationId, siteId), 'post', postId] as const,
  media: (organizationId: string, siteId: string) => [...siteKeys.site(organizationId, siteId), 'media'] as const,
};
