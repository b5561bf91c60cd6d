import { unwrap, type Schemas } from '@plinth/api-client';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callWithSession } from '../../api/call-with-session';
import { api } from '../../api/client';
import { forOrganization } from '../../api/organization-header';
import { FIRST_PAGE, nextPageCursor, unwrapPage } from '../../api/paged';
import { siteKeys } from '../sites/site-keys';
import { quotaStatusKey } from '../usage/quota-status-query';

export type Post = Schemas['PostDto'];
export type PostSummary = Schemas['PostSummaryDto'];
export type PostInput = Schemas['CreatePostDto'];
export type PostStatus = Post['status'];
/** What the list shows: one status, or every post. */
export type PostFilter = PostStatus | 'all';

/** Newest first, without bodies; each filter is its own cached list. */
export function usePosts(organizationId: string, siteId: string, filter: PostFilter) {
  return useInfiniteQuery({
    queryKey: [...siteKeys.posts(organizationId, siteId), filter],
    queryFn: ({ pageParam }) =>
      callWithSession(() =>
        unwrapPage(
          api.GET('/api/v1/sites/{siteId}/posts', {
            params: {
              path: { siteId },
              query: { cursor: pageParam, ...(filter === 'all' ? {} : { status: filter }) },
            },
            ...forOrganization(organizationId),
          }),
        ),
      ),
    initialPageParam: FIRST_PAGE,
    getNextPageParam: nextPageCursor,
    // The last list stays on screen while another filter loads.
    placeholderData: keepPreviousData,
  });
}

/** One post with its body, which lists leave out: loaded when someone opens it for editing. */
export function usePost(organizationId: string, siteId: string, postId: string) {
  return useQuery({
    queryKey: siteKeys.post(organizationId, siteId, postId),
    queryFn: () =>
      callWithSession(() =>
        unwrap(
          api.GET('/api/v1/sites/{siteId}/posts/{id}', {
            params: { path: { siteId, id: postId } },
            ...forOrganization(organizationId),
          }),
        ),
      ),
  });
}

/** Every filtered list may differ after a change; adding or removing a post also moves the site's count. */
function useRefreshPosts(organizationId: string, siteId: string) {
  const queryClient = useQueryClient();
  return ({ countChanged }: { countChanged: boolean }) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: siteKeys.posts(organizationId, siteId) }),
      countChanged && queryClient.invalidateQueries({ queryKey: quotaStatusKey(organizationId) }),
    ]);
}

/** A written post is cached as the API returned it, then the lists catch up. */
function useStorePost(organizationId: string, siteId: string, { countChanged }: { countChanged: boolean }) {
  const queryClient = useQueryClient();
  const refresh = useRefreshPosts(organizationId, siteId);
  return (post: Post) => {
    queryClient.setQueryData(siteKeys.post(organizationId, siteId, post.id), post);
    return refresh({ countChanged });
  };
}

export function useCreatePost(organizationId: string, siteId: string) {
  const storePost = useStorePost(organizationId, siteId, { countChanged: true });
  return useMutation({
    mutationFn: (body: PostInput) =>
      callWithSession(() =>
        unwrap(
          api.POST('/api/v1/sites/{siteId}/posts', {
            params: { path: { siteId } },
            body,
            ...forOrganization(organizationId),
          }),
        ),
      ),
    onSuccess: storePost,
  });
}

export function useUpdatePost(organizationId: string, siteId: string, postId: string) {
  const storePost = useStorePost(organizationId, siteId, { countChanged: false });
  return useMutation({
    mutationFn: (body: Schemas['UpdatePostDto']) =>
      callWithSession(() =>
        unwrap(
          api.PATCH('/api/v1/sites/{siteId}/posts/{id}', {
            params: { path: { siteId, id: postId } },
            body,
            ...forOrganization(organizationId),
          }),
        ),
      ),
    onSuccess: storePost,
  });
}

export function usePublishPost(organizationId: string, siteId: string) {
  const storePost = useStorePost(organizationId, siteId, { countChanged: false });
  return useMutation({
    mutationFn: (postId: string) =>
      callWithSession(() =>
        unwrap(
          api.POST('/api/v1/sites/{siteId}/posts/{id}/publish', {
            params: { path: { siteId, id: postId } },
            ...forOrganization(organizationId),
          }),
        ),
      ),
    onSuccess: storePost,
  });
}

export function useDeletePost(organizationId: string, siteId: string) {
  const queryClient = useQueryClient();
  const refresh = useRefreshPosts(organizationId, siteId);
  return useMutation({
    mutationFn: (postId: string) =>
      callWithSession(() =>
        unwrap(
          api.DELETE('/api/v1/sites/{siteId}/posts/{id}', {
            params: { path: { siteId, id: postId } },
            ...forOrganization(organizationId),
          }),
        ),
      ),
    onSuccess: (_nothing, postId) => {
      queryClient.removeQueries({ queryKey: siteKeys.post(organizationId, siteId, postId) });
      return refresh({ countChanged: true });
    },
  });
}
