import { Anchor, Button, Container, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { ApiError } from '@plinth/api-client';
import type { ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { formatDateTime } from '../../ui/format';
import { PageLoader } from '../../ui/page-loader';
import { QueryFailure } from '../../ui/query-failure';
import { useShellContext } from '../shell/shell-context';
import { useCan } from '../shell/use-can';
import { sitePath } from '../sites/site-paths';
import { useSite } from '../sites/sites-queries';
import { DeletePostButton } from './delete-post-button';
import { EditPostButton } from './edit-post-button';
import { PostStatusBadge } from './post-status-badge';
import { usePost, type Post } from './posts-queries';
import { PublishPostButton } from './publish-post-button';

/**
 * /o/:orgSlug/sites/:siteId/posts/:postId: one post as it is, for anyone
 * who may read posts (viewers included); the buttons to change it only for
 * those who may.
 */
export function PostPage() {
  const canRead = useCan('posts:read');
  if (!canRead) return <PostMessage title="You cannot read posts here" text="Your role does not include reading posts." />;
  return <PostLoader />;
}

function PostLoader() {
  const { siteId = '', postId = '' } = useParams();
  const { membership } = useShellContext();
  const post = usePost(membership.organizationId, siteId, postId);
  if (post.isPending) return <PageLoader label="Loading the post" />;
  if (isUnknown(post.error)) return <PostMessage title="Post not found" text="This site has no such post. It may have been deleted." />;
  if (post.isError) {
    return (
      <Container size="md">
        <QueryFailure title="The post could not be loaded" query={post} />
      </Container>
    );
  }
  return <PostView post={post.data} />;
}

function PostView({ post }: { post: Post }) {
  const { membership } = useShellContext();
  const navigate = useNavigate();
  const site = useSite(membership.organizationId, post.siteId);
  const backTo = sitePath(membership.slug, post.siteId);
  useDocumentTitle(`${post.title} · ${membership.name} · Plinth`);
  return (
    <Container size="md" px={0}>
      <Stack gap="lg">
        <Anchor component={Link} to={backTo} size="sm">
          ← {site.data ? site.data.name : 'Back to the site'}
        </Anchor>
        <Stack gap="xs">
          <Group gap="sm" align="center">
            <PostStatusBadge status={post.status} />
          </Group>
          <Title order={1} style={{ overflowWrap: 'anywhere' }}>
            {post.title}
          </Title>
        </Stack>
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm" component="dl" m={0}>
          <Fact label="Published">{post.publishedAt ? formatDateTime(post.publishedAt) : 'Not yet'}</Fact>
          <Fact label="Last change">{formatDateTime(post.updatedAt)}</Fact>
          <Fact label="Created">{formatDateTime(post.createdAt)}</Fact>
        </SimpleGrid>
        <Group gap="xs">
          <PublishPostButton post={post} />
          <EditPostButton post={post} />
          <DeletePostButton post={post} onDeleted={() => navigate(backTo, { replace: true })} />
        </Group>
        <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md" component="article" aria-label="Body">
          {post.body.trim() === '' ? (
            <Text c="dimmed" fs="italic">
              This post has no body yet.
            </Text>
          ) : (
            // The body is Markdown source; shown as written, line breaks kept, never as HTML.
            <Text component="div" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="post-body">
              {post.body}
            </Text>
          )}
        </Paper>
      </Stack>
    </Container>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" size="sm" m={0}>
        {children}
      </Text>
    </div>
  );
}

function PostMessage({ title, text }: { title: string; text: string }) {
  const { siteId = '' } = useParams();
  const { membership } = useShellContext();
  useDocumentTitle(`${title} · Plinth`);
  return (
    <Container size="sm" py={60}>
      <Stack align="center" ta="center">
        <Title order={1}>{title}</Title>
        <Text c="dimmed">{text}</Text>
        <Button component={Link} to={sitePath(membership.slug, siteId)}>
          Back to the site
        </Button>
      </Stack>
    </Container>
  );
}

/** A 404, or a 400 for an id that is not even a UUID: either way the URL names no post here. */
function isUnknown(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 400);
}
